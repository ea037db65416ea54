app_name = "systemworld"

urlpatterns: list = []
