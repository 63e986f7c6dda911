from scipark.core.contributions import ModuleConfig


class DemoConfig(ModuleConfig):
    name = "scipark.demo"
    label = "demo"
    verbose_name = "演示园区"
