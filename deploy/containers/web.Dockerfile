# The web app and its server (the deployment's one public entry point: the app, and /api/<service>/…
# passed to the services on the internal network).
# docker build -f deploy/containers/web.Dockerfile .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/ libs/
COPY services/ services/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
RUN npx vite build -c services/web/vite.config.mjs

FROM node:24-bookworm-slim
# Two malloc arenas, not eight per core: ≈ 15 MiB less RSS under load (docs/operations.md, Memory).
ENV NODE_ENV=production LOG_FORMAT=json MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/ libs/
COPY services/ services/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/build.mjs scripts/compile-ts.cjs scripts/built.cjs scripts/
RUN node scripts/build.mjs
COPY --from=build /app/services/web/dist services/web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:3000/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "-r", "./scripts/built.cjs", "services/web/src/main.ts"]
