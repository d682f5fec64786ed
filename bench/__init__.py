"""The benchmarks: each figure against a reference measured in the same run; `python -m bench` writes BENCHMARKS.md.

Modules, one per measurement: build (clean builds and the hooks' share),
weight (what a first visit transfers), search (latency in Chromium), pdf
(the whole-site PDF), lighthouse, scaling (the timeline from 10 to 100,000
events) and check (the data check). budgets.toml holds the budgets as data;
report renders BENCHMARKS.md from the results and the budgets. common holds
what the measurements share: the bare reference project, timed builds.
"""
