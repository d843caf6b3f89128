"""A realistic, invented newsroom for development, demos and load tests (``seed_demo``)."""
