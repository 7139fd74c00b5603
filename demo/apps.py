from django.apps import AppConfig


class DemoConfig(AppConfig):
    """seed_demo, the demo content of every app, and the benchmarks; production leaves it out."""

    name = "demo"
    verbose_name = "Demo site and benchmarks"
