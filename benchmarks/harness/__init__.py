"""The comparison of benchmarks/compare, split by concern: measure.py and the phase_*.py modules measure and save
the raw figures as JSON (results.py); report.py renders docs/performance.md from that JSON alone."""
