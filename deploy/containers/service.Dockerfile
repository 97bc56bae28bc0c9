# One image per service: docker build -f deploy/containers/service.Dockerfile --build-arg SERVICE=outreach .
# Services run the JavaScript scripts/build.mjs compiles from their TypeScript when the image is built
# (docs/decisions/0004-runtime.md): no compiler in the running process.
FROM node:24-bookworm-slim
ARG SERVICE
# Two malloc arenas, not eight per core: ≈ 15 MiB less RSS under load; a young generation of 2 × 16 MiB,
# not Node.js 24's 2 × 64 on a large machine: ≈ 100 MiB less (docs/operations.md, Memory). The same
# options as scripts/ensure-node.mjs's SERVICE_NODE_OPTIONS (project-node.int.spec.ts).
ENV NODE_ENV=production SERVICE=${SERVICE} LOG_FORMAT=json MALLOC_ARENA_MAX=2 NODE_OPTIONS="--max-semi-space-size=16"
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/ libs/
COPY services/ services/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/build.mjs scripts/compile-ts.cjs scripts/built.cjs scripts/
RUN node scripts/build.mjs
USER node
EXPOSE 3001
# Liveness: the process answers. Readiness (/health/ready: up, degraded, down) is for the operator's
# monitoring, not for restarting a container that has parked an event.
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+process.env[process.env.SERVICE.toUpperCase()+'_HTTP_PORT']+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node -r ./scripts/built.cjs services/${SERVICE}/src/main.ts"]
