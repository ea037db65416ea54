# Her own data: not organisation-scoped, each person sees only her own (tested in
# test_personal_data.py); anonymous visitors are sent to the login page.
PUBLIC = {"privacy:mine", "privacy:mine_download", "privacy:account_delete"}
ARGUMENTS: dict = {}
