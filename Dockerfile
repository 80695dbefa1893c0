# syntax=docker/dockerfile:1
# claimwatch in a container: a build stage compiles the release binary from the locked
# dependencies; the runtime stage holds the binary and the default config only, on
# distroless (glibc, CA certificates, no shell) as a non-root user. SIGTERM stops it cleanly.
#   docker build -t claimwatch --build-arg CLAIMWATCH_REVISION=$(git rev-parse --short HEAD) .
# See compose.yaml to run it with PostgreSQL, and docs/operations.md.

FROM rust:1.95-slim-bookworm AS build
ARG CLAIMWATCH_REVISION=unknown
ENV CLAIMWATCH_REVISION=${CLAIMWATCH_REVISION} CARGO_TERM_COLOR=never
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin claimwatch \
    && install -D -m 0755 target/release/claimwatch /out/usr/local/bin/claimwatch \
    && install -D -m 0644 config/claimwatch.toml /out/etc/claimwatch/claimwatch.toml \
    && mkdir -p /out/var/lib/claimwatch

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/usr/local/bin/claimwatch /usr/local/bin/claimwatch
COPY --from=build /out/etc/claimwatch /etc/claimwatch
COPY --from=build --chown=65532:65532 /out/var/lib/claimwatch /var/lib/claimwatch
USER 65532:65532
WORKDIR /var/lib/claimwatch
ENV CLAIMWATCH_CONFIG=/etc/claimwatch/claimwatch.toml \
    CLAIMWATCH_DATABASE_URL=sqlite:///var/lib/claimwatch/claimwatch.db \
    CLAIMWATCH_SERVER__LISTEN=0.0.0.0:9464 \
    CLAIMWATCH_LOG__FORMAT=json
VOLUME ["/var/lib/claimwatch"]
EXPOSE 9464
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/claimwatch"]
CMD ["run"]
