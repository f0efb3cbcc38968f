from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "saferhub.demo"
    verbose_name = "Demonstration data"
