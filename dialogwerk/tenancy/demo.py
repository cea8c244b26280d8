"""Demo part of tenancy: Musterstadt, a second municipality, and one user per role."""

from django.contrib.auth import get_user_model

from .models import Membership, Municipality, Role

DEMO_USERS = {
    # key: (e-mail, first name, last name, role in Musterstadt)
    "consultant": ("beratung@musterstadt.de", "Clara", "Berger", Role.CONSULTANT),
    "admin": ("verwaltung@musterstadt.de", "Martin", "Keller", Role.MUNICIPALITY_ADMIN),
    "moderator": ("moderation@musterstadt.de", "Selin", "Aydın", Role.MODERATOR),
    "steering": ("begleitkreis@musterstadt.de", "Hans", "Vogt", Role.STEERING_MEMBER),
    "interpreter": ("sprachmittlung@musterstadt.de", "Rana", "Haddad", Role.INTERPRETER),
}


def load(context: dict) -> None:
    User = get_user_model()
    musterstadt, _ = Municipality.objects.get_or_create(
        ags="08999001",
        defaults={
            "name": "Musterstadt",
            "district": "Landkreis Musterkreis",
            "state": "BW",
            "population": 24300,
        },
    )
    # A second municipality the consultant also works for: consultants serve several.
    beispieldorf, _ = Municipality.objects.get_or_create(
        ags="08999002",
        defaults={"name": "Beispieldorf", "district": "Landkreis Musterkreis", "state": "BW", "population": 6100},
    )
    users = {}
    for key, (email, first_name, last_name, role) in DEMO_USERS.items():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(username=email, email=email, first_name=first_name, last_name=last_name)
            user.set_password(context["password"])
            user.save()
        Membership.objects.get_or_create(user=user, municipality=musterstadt, defaults={"role": role})
        users[key] = user
    Membership.objects.get_or_create(
        user=users["consultant"], municipality=beispieldorf, defaults={"role": Role.CONSULTANT}
    )
    context.update(municipality=musterstadt, other_municipality=beispieldorf, users=users)
