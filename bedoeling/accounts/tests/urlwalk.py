PUBLIC = {
    "accounts:login", "accounts:logout", "accounts:password_reset",
    "accounts:password_reset_done", "accounts:password_reset_confirm",
    "accounts:password_reset_complete", "accounts:invitation",
}
ARGUMENTS: dict = {}
