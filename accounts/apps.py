from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from accounts.membership import on_email_confirmed

        email_confirmed.connect(on_email_confirmed, dispatch_uid="accounts-membership-on-confirmation")
