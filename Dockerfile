# Ordinal's image: Next's standalone output with the edge server bundled beside it
# (scripts/standalone.ts) — the same `.next/standalone/ordinal.mjs` the in-cluster test runs.
# Runs as a non-root UID on a read-only root filesystem: writable state (the history, the
# fingerprint key) is /app/.ordinal, a volume (deploy/).
FROM node:24-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
# Owned by root, read by the app's user: nothing in the image is writable by it.
COPY --from=build /src/.next/standalone ./
USER 10001:10001
EXPOSE 3000 9090
ENTRYPOINT ["node", "/app/ordinal.mjs"]
# Every interface needs a sign-in (ORDINAL_AUTH=proxy, as deploy/ sets): the server refuses none there.
CMD ["-H", "0.0.0.0", "-p", "3000"]
