#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu). It installs
# Rust as the course pins it, builds the course tool, and builds the exercises' dependencies
# once, so that each submission compiles only the student's own lesson crates.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# curl and a C linker for rustup and cargo; python3 reads Gradescope's submission metadata;
# util-linux (prlimit, setpriv) limits and unprivileges the tests; bubblewrap is the sandbox,
# used where the container allows it.
apt-get install -y -qq --no-install-recommends ca-certificates curl build-essential python3 util-linux bubblewrap >/dev/null
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain none
fi
# shellcheck source=/dev/null
. "$HOME/.cargo/env"
cd course
# rustup reads rust-toolchain.toml here and installs the pinned toolchain (with clippy, which the
# grader's bans use).
cargo build --release --locked -p course
# The dependencies of every lesson, built once into target/grader: grading a class of nobody
# does exactly that, and nothing else.
mkdir -p /tmp/warm/nobody
target/release/course --lang en grade /tmp/warm --out /tmp/warm-out >/dev/null
rm -rf /tmp/warm /tmp/warm-out
