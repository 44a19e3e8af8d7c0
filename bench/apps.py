from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Load generator (manage.py generate_load) and the scale benchmarks; no models."""

    name = "bench"
    verbose_name = "Benchmarks"
