# syntax=docker/dockerfile:1
# Tierwise for Cloud Run. Default target: the web app (Next.js standalone server).
# `--target cli` builds the `tierwise` command instead, for the scheduled `tierwise sync` job.
# See README "Deploy to Cloud Run".

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, dev ones included, for the build ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
# better-sqlite3 downloads a prebuilt binary; the toolchain is the fallback when none matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: next build with output: 'standalone' ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
# public/ may be absent from a checkout (git keeps no empty folders); the runner copies it.
RUN mkdir -p public && npx next build

# ---- prod-deps: runtime dependencies only, for the CLI image ----
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# ---- cli: `tierwise sync` / `tierwise report` as a Cloud Run job ----
FROM ${NODE_IMAGE} AS cli
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /src/node_modules ./node_modules
COPY package.json tsconfig.json ./
# Only what the CLI reaches: its entry point, cli/ and lib/ (no tests, no test support, no emulator:
# `npm run check:imports` and ESLint keep lib/ from importing either).
COPY bin ./bin
COPY cli ./cli
COPY lib ./lib
RUN find /app/lib /app/cli -name '*.test.ts' -delete
USER node
ENTRYPOINT ["node", "/app/bin/tierwise.mjs"]
CMD ["sync"]

# ---- runner: only the standalone server, its static files and public/ ----
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  PORT=8080 \
  HOSTNAME=0.0.0.0
# Files stay owned by root so the server cannot rewrite its own code; only data/ is writable,
# for the SQLite default when the image runs outside Cloud Run (Cloud Run uses Cloud SQL).
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
# Cloud Run sets PORT; server.js listens on PORT and HOSTNAME.
CMD ["node", "server.js"]
