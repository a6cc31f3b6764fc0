#!/usr/bin/env bash
# Times `make run`'s set-up as a fresh machine of this kind goes through it,
# step by step: a fresh clone of this checkout, an empty CARGO_HOME (every
# crate and tool from crates.io again), an empty target/. Only the Rust
# toolchain (rustup's, with the wasm32 target) is the machine's own, as on a
# fresh one. Writes target/bench-setup.json; takes as long as it measures
# (about half an hour on 2 cores), so it is not part of `make bench`.
#   scripts/setup-timing.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A PATH with rustup's proxies and the system's tools, none of the tools
# `make run` installs (trunk, wasm-bindgen) that this machine already has.
mkdir -p "$work/rustup-bin" "$work/cargo-home/bin"
for tool in cargo rustc rustup rustdoc rust-lld; do
  if [ -e "$HOME/.cargo/bin/$tool" ]; then ln -s "$HOME/.cargo/bin/$tool" "$work/rustup-bin/$tool"; fi
done
export CARGO_HOME="$work/cargo-home"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$work/rustup-bin:/usr/local/bin:/usr/bin:/bin"
git clone --quiet "$repo" "$work/souk"
cd "$work/souk"

# Each line of the set-up's output, stamped with the seconds it arrived at.
stamp() { while IFS= read -r line; do printf '%s\t%s\n' "$(date +%s.%N)" "$line"; done; }
log="$work/steps.tsv"
{
  printf '%s\t==> start\n' "$(date +%s.%N)"
  scripts/setup.sh build 2>&1 | stamp
  printf '%s\t==> make dist and demo-server (the five apps, the demo server beside them)\n' "$(date +%s.%N)"
  make --no-print-directory -j2 dist demo-server 2>&1 | stamp
  printf '%s\t==> end\n' "$(date +%s.%N)"
} > "$log"

node - "$log" "$repo/target/bench-setup.json" <<'EOF'
const [log, out] = process.argv.slice(2);
const fs = require("node:fs");
const marks = fs.readFileSync(log, "utf8").split("\n")
  .map((line) => line.split("\t"))
  .filter(([, text]) => text && text.includes("==> "))
  .map(([at, text]) => ({ at: Number(at), step: text.replace(/^.*==> /, "").replace(/\x1b\[[0-9;]*m/g, "") }));
const steps = marks.slice(1).map((mark, i) => ({ step: marks[i].step, minutes: +((mark.at - marks[i].at) / 60).toFixed(2) }))
  .filter((s) => s.step !== "start");
const total = +((marks.at(-1).at - marks[0].at) / 60).toFixed(2);
fs.mkdirSync(require("node:path").dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ measured_at: new Date().toISOString(), total_minutes: total, aim_minutes: 25, steps }, null, 2) + "\n");
for (const s of steps) console.log(`${String(s.minutes.toFixed(1)).padStart(6)} min  ${s.step}`);
console.log(`${String(total.toFixed(1)).padStart(6)} min  in all (aim: 25)`);
console.log(`written to ${out}`);
EOF
