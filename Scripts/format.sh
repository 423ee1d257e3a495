#!/usr/bin/env bash
# Formats the sources in place, then lints them as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format --in-place --recursive Package.swift Sources Tests Benchmarks
swift format lint --strict --recursive Package.swift Sources Tests Benchmarks
