"""Demo organisations, teams and people. Natural Dutch, written for this project."""

from django.contrib.auth.hashers import make_password

from bedoeling.accounts.models import Membership, Role, User
from bedoeling.orgs.models import Organisation, Team

DEMO_PASSWORD = "bedoeling-demo"

ORGS = {
    "wilgenhoek": {
        "name": "Basisschool De Wilgenhoek",
        "description": "Openbare basisschool in Lindeveld, 310 leerlingen, 28 medewerkers.",
        "teams": ["Onderbouw", "Middenbouw", "Bovenbouw", "Interne begeleiding"],
    },
    "lindeveld": {
        "name": "Gemeente Lindeveld — Sociaal Domein",
        "description": "Wmo, jeugd, werk en inkomen en schuldhulp voor 64.000 inwoners.",
        "teams": ["Wmo-consulenten", "Jeugd en gezin", "Werk en inkomen", "Schuldhulpverlening"],
    },
}

# (email, name, {org: (role, team), "show": description for the printed logins})
PEOPLE = [
    ("begeleider@bedoeling.test", "Sanne Bakker",
     {"wilgenhoek": (Role.FACILITATOR, None), "lindeveld": (Role.FACILITATOR, None),
      "show": "begeleider van beide organisaties"}),
    ("directeur@wilgenhoek.test", "Marieke de Jong",
     {"wilgenhoek": (Role.LEAD, None), "show": "directeur van De Wilgenhoek"}),
    ("lotte@wilgenhoek.test", "Lotte Visser",
     {"wilgenhoek": (Role.MEMBER, "Middenbouw"), "show": "leerkracht groep 5"}),
    ("youssef@wilgenhoek.test", "Youssef El Amrani",
     {"wilgenhoek": (Role.MEMBER, "Bovenbouw"), "show": ""}),
    ("priya@wilgenhoek.test", "Priya Ramdin",
     {"wilgenhoek": (Role.MEMBER, "Onderbouw"), "show": ""}),
    ("daan@wilgenhoek.test", "Daan Smit",
     {"wilgenhoek": (Role.MEMBER, "Bovenbouw"), "show": ""}),
    ("ineke@wilgenhoek.test", "Ineke Hoekstra",
     {"wilgenhoek": (Role.MEMBER, "Interne begeleiding"), "show": ""}),
    ("teamleider@lindeveld.test", "Hans Verbeek",
     {"lindeveld": (Role.LEAD, None), "show": "afdelingshoofd Sociaal Domein"}),
    ("fatma@lindeveld.test", "Fatma Yılmaz",
     {"lindeveld": (Role.MEMBER, "Wmo-consulenten"), "show": "Wmo-consulent"}),
    ("joost@lindeveld.test", "Joost Meijer",
     {"lindeveld": (Role.MEMBER, "Werk en inkomen"), "show": ""}),
    ("anouk@lindeveld.test", "Anouk de Boer",
     {"lindeveld": (Role.MEMBER, "Jeugd en gezin"), "show": ""}),
    ("kees@lindeveld.test", "Kees Mulder",
     {"lindeveld": (Role.MEMBER, "Schuldhulpverlening"), "show": ""}),
    ("remco@lindeveld.test", "Remco Jansen",
     {"lindeveld": (Role.MEMBER, "Werk en inkomen"), "show": ""}),
]

# Colleagues who fill the teams, so that a team's breakdown shows once five people could
# have told its stories. Interne begeleiding and Schuldhulpverlening stay teams of two:
# their breakdowns are suppressed, which is what a small team should see.
COLLEAGUES = {
    ("wilgenhoek", "Onderbouw"): [
        ("esther", "Esther van Leeuwen"), ("marloes", "Marloes Brouwer"),
        ("ayse", "Ayşe Demir"), ("bas", "Bas Koster")],
    ("wilgenhoek", "Middenbouw"): [
        ("kim", "Kim Hendriks"), ("rachid", "Rachid Bouzid"), ("jolanda", "Jolanda Peters"),
        ("tom", "Tom Willems")],
    ("wilgenhoek", "Bovenbouw"): [
        ("gerda", "Gerda Kuipers"), ("niels", "Niels van Dam"), ("sevda", "Sevda Aydın")],
    ("wilgenhoek", "Interne begeleiding"): [("carla", "Carla Dijkman")],
    ("wilgenhoek", None): [("henk", "Henk Vos")],
    ("lindeveld", "Wmo-consulenten"): [
        ("wendy", "Wendy Kramer"), ("pieter", "Pieter Hoogland"), ("nadia", "Nadia Amrani"),
        ("gertjan", "Gert-Jan Evers")],
    ("lindeveld", "Werk en inkomen"): [
        ("mirjam", "Mirjam Veenstra"), ("dennis", "Dennis Koç"), ("ilse", "Ilse Verhoeven")],
    ("lindeveld", "Jeugd en gezin"): [
        ("sander", "Sander Wolters"), ("esra", "Esra Yıldız"), ("roos", "Roos van Vliet"),
        ("bart", "Bart Kuiper")],
    ("lindeveld", "Schuldhulpverlening"): [("hanneke", "Hanneke Prins")],
}
PEOPLE += [(f"{login}@{slug}.test", name, {slug: (Role.MEMBER, team), "show": ""})
           for (slug, team), names in COLLEAGUES.items() for login, name in names]


def load(ctx: dict) -> None:
    orgs, teams, users = {}, {}, {}
    for slug, data in ORGS.items():
        org = Organisation.objects.create(slug=slug, name=data["name"],
                                          description=data["description"])
        orgs[slug] = org
        for name in data["teams"]:
            teams[(slug, name)] = Team.objects.create(organisation=org, name=name)
    # One hash for everyone: hashing is slow on purpose, and the demo has thirty people.
    password = make_password(DEMO_PASSWORD)
    for email, name, roles in PEOPLE:
        user = User.objects.create(email=email, name=name, password=password)
        users[email] = user
        for slug, value in roles.items():
            if slug == "show":
                continue
            role, team = value
            Membership.objects.create(user=user, organisation=orgs[slug], role=role,
                                      team=teams.get((slug, team)))
    ctx.update(orgs=orgs, teams=teams, users=users)
