from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "scipark.demo"
    label = "demo"
    verbose_name = "演示园区"
