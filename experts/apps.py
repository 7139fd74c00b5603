from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "experts"

    def ready(self):
        from core.structured_data import describe
        from experts.models import ExpertPage
        from experts.structured_data import expert_schema

        describe(ExpertPage, og_type="profile", schema=expert_schema)
