# The modelfn server image, built from source:
#   docker build -t modelfn . && docker run -p 8080:8080 modelfn
# The first stage makes the same build context `npm run package` writes to artifacts/container (server
# bundle, models, package.json + lock, pruner); the rest is artifacts/container/Dockerfile (server/Dockerfile).
# linux/x64 only: the pruner keeps onnxruntime-node's linux/x64 binaries.

FROM --platform=linux/amd64 node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx tsx scripts/package.ts --only=container --no-smoke --out=/out

FROM --platform=linux/amd64 node:20-bookworm-slim AS deps
WORKDIR /app
COPY --from=build /out/container/package.json /out/container/package-lock.json /out/container/.npmrc /out/container/prune.js ./
# onnxruntime-node's CPU binaries ship in the package; its install script would only fetch CUDA.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && node prune.js . --arch=x64

FROM --platform=linux/amd64 node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /out/container/package.json ./
COPY --from=build /out/container/models models
COPY --from=build /out/container/dist dist
# Root owns the files, the server runs as node: the app cannot rewrite itself.
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/v2/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
