// Integration tests start real servers: give them room, and fail loudly instead of hanging.
jest.setTimeout(30_000);
