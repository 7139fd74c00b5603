from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self):
        from core.structured_data import describe
        from shop.models import ProductPage
        from shop.structured_data import product_schema

        describe(ProductPage, og_type="book", schema=product_schema)
