from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.account_overview, name="account_overview"),
    path("delete/", views.delete_account, name="account_delete"),
]
