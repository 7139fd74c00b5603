from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_save

        from core.menus import invalidate_menus
        from core.structured_data import describe
        from home.models import HomePage
        from home.structured_data import home_schema

        # Footer links are chosen on the home page, so saving it also refreshes the menus.
        post_save.connect(invalidate_menus, sender=HomePage, dispatch_uid="menus-home-footer-save")
        describe(HomePage, schema=home_schema)
