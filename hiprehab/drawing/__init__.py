"""The exercise drawings: one body model, poses read from data, scenes, SVG."""
