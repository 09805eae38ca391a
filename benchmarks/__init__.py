"""Performance measurements for VINR Desktop, run with `./scripts/bench` (`python -m benchmarks`).

Each measure prints one machine-readable line
`BENCH <name> <value> <unit> target <target> PASS|FAIL` after a human-readable table.
Nothing here lowers a security setting to reach a target: the encrypted store is measured
exactly as the program opens it.
"""
