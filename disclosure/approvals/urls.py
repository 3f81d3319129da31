"""Public URLs of approval-result notices and service guides."""

from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("guides/<str:code>/", views.guide, name="guide"),
]
