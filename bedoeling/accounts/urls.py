from django.urls import path

from bedoeling.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("wachtwoord-instellen/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("wachtwoord-instellen/klaar/", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
]
