"""Demo organisations, teams and people. Natural Dutch, written for this project."""

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


def load(ctx: dict) -> None:
    orgs, teams, users = {}, {}, {}
    for slug, data in ORGS.items():
        org = Organisation.objects.create(slug=slug, name=data["name"],
                                          description=data["description"])
        orgs[slug] = org
        for name in data["teams"]:
            teams[(slug, name)] = Team.objects.create(organisation=org, name=name)
    for email, name, roles in PEOPLE:
        user = User.objects.create_user(email, DEMO_PASSWORD, name=name)
        users[email] = user
        for slug, value in roles.items():
            if slug == "show":
                continue
            role, team = value
            Membership.objects.create(user=user, organisation=orgs[slug], role=role,
                                      team=teams.get((slug, team)))
    ctx.update(orgs=orgs, teams=teams, users=users)
