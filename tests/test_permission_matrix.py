"""Every permission of the project, asked as every kind of user, in every phase of the dialogue.

The expected answers are written out in MATRIX below, not computed from the policy modules: a change of who
may do what must change this table too. A permission without a row fails (`test_every_permission_has_a_row`),
and so does a new role without a column. The access functions (`<thing>_for`) are tested at the end: the
object for an allowed user, 403 for a member whose role lacks the permission, 404 for everyone else.
"""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dialogwerk.apitokens import policy as apitokens
from dialogwerk.design import policy as design
from dialogwerk.dialogues import policy as dialogues
from dialogwerk.dialogues.access import dialogue_for
from dialogwerk.dialogues.models import Dialogue, Phase
from dialogwerk.dialogues.services import dialogue_create
from dialogwerk.funding import policy as funding
from dialogwerk.funding.access import funding_body_for
from dialogwerk.funding.models import FundingBody, FundingBodyMembership, FundingProgramme
from dialogwerk.guide import policy as guide
from dialogwerk.live import policy as live
from dialogwerk.live.access import session_for
from dialogwerk.live.models import Session
from dialogwerk.measures import policy as measures
from dialogwerk.measures.access import measure_for
from dialogwerk.measures.models import Measure
from dialogwerk.preparation import policy as preparation
from dialogwerk.privacy import policy as privacy
from dialogwerk.reports import policy as reports
from dialogwerk.seating import policy as seating
from dialogwerk.survey import policy as survey
from dialogwerk.synthesis import policy as synthesis
from dialogwerk.tenancy import policy as tenancy
from dialogwerk.tenancy.access import authorize, municipality_for
from dialogwerk.tenancy.models import Membership, Municipality, Role, User
from dialogwerk.translations import policy as translations
from tests.test_policies import declared_permissions

# The users asked, one column each: every role of Role in the dialogue's municipality, then an
# administrator of another municipality, a user without any role, a member of a funding body (and of no
# municipality), a visitor who is not logged in, and a platform operator (superuser, no membership).
ACTORS = (
    Role.CONSULTANT,
    Role.MUNICIPALITY_ADMIN,
    Role.MODERATOR,
    Role.STEERING_MEMBER,
    Role.INTERPRETER,
    "other_municipality",
    "no_role",
    "funding_body",
    "anonymous",
    "superuser",
)

# What a permission is asked about.
DIALOGUE = "a dialogue"  # … in each phase
SESSION = "a live session"  # … of a dialogue in each phase
MUNICIPALITY = "the municipality"
FUNDING_BODY = "the funding body"
PROGRAMME = "the funding body's programme"
NOTHING = "no object"
PHASED = {DIALOGUE, SESSION}

# 1 = allowed, 0 = denied. The same in every phase unless a row gives {phase: row} instead. A superuser
# passes every check by Django's design: the access functions still answer 404 for an object outside the
# superuser's municipalities (tested below).
# fmt: off
MATRIX = {
    #                                           object          Con Adm Mod Ste Int Oth No  FB  Ano Sup
    tenancy.VIEW_MUNICIPALITY:                 (MUNICIPALITY,  (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    tenancy.MANAGE_MEMBERS:                    (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    tenancy.VIEW_AUDIT_LOG:                    (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    dialogues.VIEW_DIALOGUE:                   (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    dialogues.CHANGE_DIALOGUE:                 (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    dialogues.CREATE_DIALOGUE:                 (MUNICIPALITY,  (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    dialogues.CHOOSE_LANGUAGES:                (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    dialogues.DELETE_DIALOGUE:                 (DIALOGUE,      (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    apitokens.CREATE_TOKEN:                    (NOTHING,       (1,  1,  1,  1,  1,  1,  0,  0,  0,  1)),
    preparation.VIEW_PREPARATION:              (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    preparation.CHANGE_PREPARATION:            (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    design.VIEW_DESIGN:                        (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    design.CHANGE_DESIGN:                      (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    seating.VIEW_SEATING:                      (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    seating.PLAN_SEATING:                      (DIALOGUE,      (1,  1,  1,  0,  0,  0,  0,  0,  0,  1)),
    live.VIEW_SESSION:                         (SESSION,       (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    live.RUN_SESSION:                          (SESSION,       (1,  1,  1,  0,  0,  0,  0,  0,  0,  1)),
    live.TRANSLATE_CARDS:                      (SESSION,       (1,  1,  1,  0,  1,  0,  0,  0,  0,  1)),
    survey.VIEW_SURVEY:                        (SESSION,       (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    survey.RUN_SURVEY:                         (SESSION,       (1,  1,  1,  0,  0,  0,  0,  0,  0,  1)),
    translations.TRANSLATE_TEXTS:              (DIALOGUE,      (1,  1,  0,  0,  1,  0,  0,  0,  0,  1)),
    synthesis.VIEW_RESULTS:                    (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    synthesis.BUNDLE:                          (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    synthesis.DECIDE:                          (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    measures.VIEW_MEASURES:                    (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    measures.CHANGE_MEASURES:                  (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    measures.POST_PROGRESS:                    (DIALOGUE,      (1,  1,  0,  1,  0,  0,  0,  0,  0,  1)),
    measures.MANAGE_STEERING_GROUP:            (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    measures.PUBLISH_STATEMENT:                (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    funding.VIEW_FUNDING:                      (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    funding.CHANGE_FUNDING:                    (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    funding.VIEW_BANK_DETAILS:                 (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    funding.VIEW_FUNDING_BODY:                 (FUNDING_BODY,  (0,  0,  0,  0,  0,  0,  0,  1,  0,  1)),
    funding.REVIEW_APPLICATIONS:               (FUNDING_BODY,  (0,  0,  0,  0,  0,  0,  0,  1,  0,  1)),
    funding.CHANGE_PROGRAMME:                  (PROGRAMME,     (0,  0,  0,  0,  0,  0,  0,  1,  0,  1)),
    funding.MANAGE_FUNDING_BODIES:             (NOTHING,       (0,  0,  0,  0,  0,  0,  0,  0,  0,  1)),
    reports.VIEW_DOCUMENTS:                    (DIALOGUE,      (1,  1,  1,  1,  1,  0,  0,  0,  0,  1)),
    reports.GENERATE_DOCUMENTS:                (DIALOGUE,      (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    reports.CHANGE_BRANDING:                   (MUNICIPALITY,  (1,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    privacy.MANAGE_PERSONAL_DATA:              (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    privacy.CHANGE_PRIVACY_SETTINGS:           (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    privacy.VIEW_PROCESSING_RECORD:            (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
    guide.MANAGE_SIGN_LANGUAGE_VIDEO:          (MUNICIPALITY,  (0,  1,  0,  0,  0,  0,  0,  0,  0,  1)),
}
# fmt: on


def expected(permission: str, phase: str | None) -> tuple[int, ...]:
    row = MATRIX[permission][1]
    return row[phase] if isinstance(row, dict) else row


def cases():
    for permission, (kind, _) in MATRIX.items():
        for phase in Phase.values if kind in PHASED else [None]:
            yield pytest.param(permission, phase, id=f"{permission}-{phase or 'any'}")


# --- the world asked about: built once for the module, removed after it -----------------------------------


AGS = ("08999001", "08999002")
BODY_NAME = "Matrix-Förderstelle"


def _user(name: str, **fields) -> User:
    # No password: hashing one per user would be most of this module's time.
    return User.objects.create(username=name, email=f"{name}@matrix.example", **fields)


def _remove_world() -> None:
    FundingProgramme.objects.filter(funding_body__name=BODY_NAME).delete()
    FundingBody.objects.filter(name=BODY_NAME).delete()
    Municipality.objects.filter(ags__in=AGS).delete()  # their dialogues, sessions, measures
    User.objects.filter(email__endswith="@matrix.example").delete()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    # Committed outside the tests' transactions, so that it is built once; removed again afterwards (and
    # first, should an interrupted run have left it behind with a reused database).
    with django_db_blocker.unblock():
        _remove_world()
        home = Municipality.objects.create(name="Matrixstadt", ags=AGS[0])
        other = Municipality.objects.create(name="Anderswo", ags=AGS[1])
        users: dict[str, object] = {}
        for role in Role.values:
            users[role] = _user(f"matrix-{role}")
            Membership.objects.create(user=users[role], municipality=home, role=role)
        users["other_municipality"] = _user("matrix-other")
        Membership.objects.create(user=users["other_municipality"], municipality=other, role=Role.MUNICIPALITY_ADMIN)
        users["no_role"] = _user("matrix-no-role")
        users["funding_body"] = _user("matrix-funder")
        users["superuser"] = _user("matrix-operator", is_superuser=True, is_staff=True)
        body = FundingBody.objects.create(name=BODY_NAME)
        body.municipalities.add(home)
        FundingBodyMembership.objects.create(user=users["funding_body"], funding_body=body)
        programme = FundingProgramme.objects.create(funding_body=body)
        day = datetime.date.today() + datetime.timedelta(days=30)
        dialogues_by_phase, sessions_by_phase = {}, {}
        for number, phase in enumerate(Phase.values):
            dialogue = dialogue_create(
                actor=users[Role.CONSULTANT],
                municipality=home,
                title=f"Matrix {phase}",
                starts_on=day,
                ends_on=day,
                expected_participants=20,
            )
            Dialogue.objects.filter(pk=dialogue.pk).update(phase=phase)
            dialogues_by_phase[phase] = Dialogue.objects.select_related("municipality").get(pk=dialogue.pk)
            sessions_by_phase[phase] = Session.objects.create(dialogue=dialogue, title="Abend", code=f"MTRX{number}")
        other_dialogue = dialogue_create(
            actor=users["other_municipality"],
            municipality=other,
            title="Anderswo",
            starts_on=day,
            ends_on=day,
            expected_participants=20,
        )
        measure = Measure.objects.create(dialogue=dialogues_by_phase[Phase.FOLLOW_UP], title="Sprachcafé")
        other_measure = Measure.objects.create(dialogue=other_dialogue, title="Anderswo")
    users["anonymous"] = AnonymousUser()
    yield {
        "users": users,
        "home": home,
        "other": other,
        "body": body,
        "programme": programme,
        "dialogues": dialogues_by_phase,
        "sessions": sessions_by_phase,
        "other_dialogue": other_dialogue,
        "measure": measure,
        "other_measure": other_measure,
    }
    with django_db_blocker.unblock():
        _remove_world()


def asked_about(world, kind: str, phase: str | None):
    return {
        DIALOGUE: lambda: world["dialogues"][phase],
        SESSION: lambda: world["sessions"][phase],
        MUNICIPALITY: lambda: world["home"],
        FUNDING_BODY: lambda: world["body"],
        PROGRAMME: lambda: world["programme"],
        NOTHING: lambda: None,
    }[kind]()


# --- the matrix --------------------------------------------------------------------------------------------


def test_every_permission_has_a_row():
    declared = {permission for _, _, permission in declared_permissions()}
    assert sorted(declared - set(MATRIX)) == [], "permissions without a row in MATRIX"
    assert sorted(set(MATRIX) - declared) == [], "rows for permissions no policy module declares"


def test_every_role_has_a_column():
    assert set(Role.values) <= set(ACTORS)


def test_every_row_has_a_value_per_user_and_phase():
    for permission, (kind, row) in MATRIX.items():
        rows = row.values() if isinstance(row, dict) else [row]
        if isinstance(row, dict):
            assert kind in PHASED and set(row) == set(Phase.values), permission
        assert all(len(values) == len(ACTORS) for values in rows), permission


@pytest.mark.django_db
@pytest.mark.parametrize(("permission", "phase"), cases())
def test_who_holds_the_permission(world, permission, phase):
    kind = MATRIX[permission][0]
    obj = asked_about(world, kind, phase)
    answers = tuple(int(world["users"][actor].has_perm(permission, obj)) for actor in ACTORS)
    wrong = [
        f"{actor}: expected {want}, got {got}"
        for actor, want, got in zip(ACTORS, expected(permission, phase), answers, strict=True)
        if want != got
    ]
    assert wrong == [], f"{permission} on {kind} ({phase or 'no phase'})"


# --- the access functions ----------------------------------------------------------------------------------

OUTSIDERS = ("other_municipality", "no_role", "funding_body", "anonymous", "superuser")


@pytest.mark.django_db
@pytest.mark.parametrize("phase", Phase.values)
def test_dialogue_for_gives_the_dialogue_to_a_member_allowed_to(world, phase):
    dialogue = world["dialogues"][phase]
    user = world["users"][Role.CONSULTANT]
    assert dialogue_for(user, dialogue.pk, perm=dialogues.CHANGE_DIALOGUE) == dialogue


@pytest.mark.django_db
def test_dialogue_for_refuses_a_member_whose_role_lacks_the_permission(world):
    dialogue = world["dialogues"][Phase.PREPARATION]
    with pytest.raises(PermissionDenied):
        dialogue_for(world["users"][Role.STEERING_MEMBER], dialogue.pk, perm=dialogues.CHANGE_DIALOGUE)


@pytest.mark.django_db
@pytest.mark.parametrize("actor", OUTSIDERS)
def test_dialogue_for_hides_the_dialogue_from_everyone_outside_its_municipality(world, actor):
    dialogue = world["dialogues"][Phase.PREPARATION]
    with pytest.raises(Http404):
        dialogue_for(world["users"][actor], dialogue.pk, perm=dialogues.VIEW_DIALOGUE)


@pytest.mark.django_db
def test_dialogue_for_answers_404_before_403_for_another_municipality(world):
    """A member asking for another municipality's dialogue learns nothing, whatever the permission: 404."""
    with pytest.raises(Http404):
        dialogue_for(world["users"][Role.STEERING_MEMBER], world["other_dialogue"].pk, perm=dialogues.DELETE_DIALOGUE)


@pytest.mark.django_db
def test_dialogue_for_answers_404_for_a_dialogue_that_does_not_exist(world):
    missing = max(Dialogue.objects.values_list("pk", flat=True)) + 1
    with pytest.raises(Http404):
        dialogue_for(world["users"][Role.MUNICIPALITY_ADMIN], missing, perm=dialogues.VIEW_DIALOGUE)


@pytest.mark.django_db
def test_session_for(world):
    session = world["sessions"][Phase.DIALOGUE]
    users = world["users"]
    assert session_for(users[Role.MODERATOR], session.pk, perm=live.RUN_SESSION) == session
    assert session_for(users[Role.INTERPRETER], session.pk, perm=live.TRANSLATE_CARDS) == session
    with pytest.raises(PermissionDenied):
        session_for(users[Role.STEERING_MEMBER], session.pk, perm=live.RUN_SESSION)
    for actor in OUTSIDERS:
        with pytest.raises(Http404):
            session_for(users[actor], session.pk, perm=live.VIEW_SESSION)


@pytest.mark.django_db
def test_municipality_for(world):
    home, users = world["home"], world["users"]
    assert municipality_for(users[Role.MUNICIPALITY_ADMIN], home.pk, perm=tenancy.MANAGE_MEMBERS) == home
    with pytest.raises(PermissionDenied):
        municipality_for(users[Role.CONSULTANT], home.pk, perm=tenancy.MANAGE_MEMBERS)
    for actor in OUTSIDERS:
        with pytest.raises(Http404):
            municipality_for(users[actor], home.pk, perm=tenancy.VIEW_MUNICIPALITY)


@pytest.mark.django_db
def test_measure_for(world):
    measure, users = world["measure"], world["users"]
    dialogue_id = measure.dialogue_id
    found = measure_for(users[Role.STEERING_MEMBER], dialogue_id, measure.pk, perm=measures.POST_PROGRESS)
    assert found == measure and found.dialogue.pk == dialogue_id
    with pytest.raises(PermissionDenied):
        measure_for(users[Role.STEERING_MEMBER], dialogue_id, measure.pk, perm=measures.CHANGE_MEASURES)
    for actor in OUTSIDERS:
        with pytest.raises(Http404):
            measure_for(users[actor], dialogue_id, measure.pk, perm=measures.VIEW_MEASURES)


@pytest.mark.django_db
def test_measure_for_answers_404_for_a_measure_of_another_dialogue(world):
    """The measure id must belong to the dialogue in the address: another dialogue of the same municipality,
    or of another one, is 404 like a missing measure."""
    users, measure = world["users"], world["measure"]
    same_municipality = world["dialogues"][Phase.PREPARATION]
    with pytest.raises(Http404):
        measure_for(users[Role.CONSULTANT], same_municipality.pk, measure.pk, perm=measures.VIEW_MEASURES)
    with pytest.raises(Http404):
        measure_for(users[Role.CONSULTANT], measure.dialogue_id, world["other_measure"].pk, perm=measures.VIEW_MEASURES)


@pytest.mark.django_db
def test_funding_body_for(world):
    body, users = world["body"], world["users"]
    assert funding_body_for(users["funding_body"], body.pk, perm=funding.REVIEW_APPLICATIONS) == body
    with pytest.raises(PermissionDenied):
        funding_body_for(users["funding_body"], body.pk, perm=funding.MANAGE_FUNDING_BODIES)
    # Municipality members, even of a municipality the body covers, learn nothing about it.
    for actor in itertools.chain(Role.values, ["other_municipality", "no_role", "anonymous"]):
        with pytest.raises(Http404):
            funding_body_for(users[actor], body.pk, perm=funding.VIEW_FUNDING_BODY)


@pytest.mark.django_db
def test_authorize_refuses_a_missing_permission_and_passes_a_held_one(world):
    dialogue, users = world["dialogues"][Phase.CLOSED], world["users"]
    authorize(users[Role.MUNICIPALITY_ADMIN], dialogues.DELETE_DIALOGUE, dialogue)
    with pytest.raises(PermissionDenied):
        authorize(users[Role.CONSULTANT], dialogues.DELETE_DIALOGUE, dialogue)
