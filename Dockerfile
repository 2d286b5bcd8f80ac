# Thrive in a container: `docker build -t thrive .`, then see compose.yaml and the README's
# "Running it in a container". Node 22.18+ runs the TypeScript as it is, so the build stage's
# work is the stylesheet; the final stage has the production dependencies only, and no compiler.

# ---- build: every dependency, to compile the stylesheet (govuk-frontend's Sass) once; no install
# scripts (npm ci --ignore-scripts), so `prepare` does not run before the source is copied in
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The stylesheet, and an empty embedded database to copy for a first start on PGlite (no DATABASE_URL).
RUN npm run build

# ---- the service: production dependencies, the code and the compiled stylesheet, run as `node`
FROM node:22-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    THRIVE_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# The code stays root's and read-only to the service; only its data directory (PGlite, when
# DATABASE_URL is unset) is the service's to write.
COPY bin ./bin
COPY scripts ./scripts
COPY migrations ./migrations
COPY demo ./demo
COPY src ./src
COPY --from=build /app/public ./public
COPY --from=build /app/.cache ./.cache
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Liveness: the process answers. Node itself asks, so the image needs no curl; a database outage makes
# the service unready (/health/ready), not unhealthy, so the platform does not restart it for that.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "./scripts/typescript.js", "src/cli/main.ts", "serve"]
