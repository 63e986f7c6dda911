from scipark.core import contributions


class DemoConfig(contributions.ModuleConfig):
    name = "scipark.demo"
    label = "demo"
    verbose_name = "演示园区"
