# Keypost's image: built in one stage, run from another with compiled code and production
# dependencies only, as an unprivileged user. Checked against the code by test/ops/deploy-files.test.ts
# (no container engine runs where Keypost is developed). docs/operations.md explains each setting.

# --- build: the same steps as CI (.ci/run): npm ci, npm run build; then drop the dev dependencies
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build
# --omit=optional too: the Prisma CLI and TypeScript are optional peers of @prisma/client (250 MB).
RUN npm prune --omit=dev --omit=optional
# The other databases' Prisma query compilers, unused builds and source maps (~62 MB): what the
# generated clients import is kept (scripts/prune-prisma-runtime.mjs reads it from them).
RUN node scripts/prune-prisma-runtime.mjs

# --- run: compiled code, production dependencies, no compiler, no sources
FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/var/lib/keypost/keypost.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/build-state.mjs ./scripts/build-state.mjs
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY bin ./bin
COPY samples ./samples
RUN mkdir -p /var/lib/keypost && chown node:node /var/lib/keypost
USER node
EXPOSE 3000
VOLUME ["/var/lib/keypost"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
# The flags of `npm start` keep an idle process under 120 MB resident (decision 18.13): a 1 MB
# young generation, one V8 helper thread, Prisma's WebAssembly left at V8's baseline tier, V8's
# memory-saving heuristics. NODE_OPTIONS set by an operator adds to them.
CMD ["node", "--max-semi-space-size=1", "--v8-pool-size=1", "--liftoff-only", "--optimize-for-size", "bin/keypost.js", "serve"]
