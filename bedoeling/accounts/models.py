import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation, Team


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=120, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # The language she last chose or used: her pages after logging in on another device and
    # the e-mail she gets (when someone else acts, the mail follows her, not them).
    language = models.CharField(_("taal"), max_length=8, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("begeleider")
    LEAD = "lead", _("leidinggevende")
    MEMBER = "member", _("medewerker")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def can_steer(self) -> bool:
        """Facilitators and leads may change the Bedoeling and run sessions."""
        return self.role in (Role.FACILITATOR, Role.LEAD)

    @property
    def is_facilitator(self) -> bool:
        return self.role == Role.FACILITATOR


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def known_language(code: str | None, default: str = "") -> str:
    """`code` when it is one of the interface's languages, else `default`."""
    return code if code in dict(settings.LANGUAGES) else default


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    # Only a hash is stored: a database leak must not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    # The language of the mail and of the page its link opens (until she picks another).
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES,
                                blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @classmethod
    def new(cls, **fields) -> tuple["Invitation", str]:
        token = secrets.token_urlsafe(32)
        invitation = cls(
            token_hash=_hash_token(token),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
            **fields,
        )
        return invitation, token

    @classmethod
    def for_token(cls, token: str) -> "Invitation | None":
        return cls.objects.select_related("organisation").filter(
            token_hash=_hash_token(token)
        ).first()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class AuditEvent(models.Model):
    """A record of a sensitive action: role changes, invitations, purpose changes, exports."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, related_name="audit_events"
    )
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"

    @property
    def description(self) -> str:
        """The summary in the reader's language, with its details filled in."""
        text = gettext(self.summary)
        roles = dict(Role.choices)
        values = {key: roles.get(value, value) if isinstance(value, str) else value
                  for key, value in (self.data or {}).items()}
        try:
            return text % values if values else text
        except (KeyError, TypeError, ValueError):
            return self.summary


class RateBucket(models.Model):
    """A token bucket in the database, for rate limits when no Redis is configured."""

    key = models.CharField(max_length=200, primary_key=True)
    tokens = models.FloatField()
    updated_at = models.FloatField()

    def __str__(self) -> str:
        return self.key
