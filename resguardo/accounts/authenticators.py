"""Each staff account's authenticator: a TOTP device (django-otp) that gives a new 6-digit
code every 30 seconds.

An account gets one through an enrolment link, made by `resguardo create_editor`,
`resguardo enrol` or an administrator. Making a link sets up a new, unconfirmed device
(and removes any earlier unconfirmed one, so only the newest link works); the link names
that device and a fingerprint of its key, signed, and expires after ENROLMENT_HOURS.
Confirming the device with a first code uses the link up.

A code is accepted once: django-otp keeps the time step of the last code accepted
(`last_t`) and takes only later ones. Each wrong code makes the next try on that device
wait longer (1, 2, 4… seconds, OTP_TOTP_THROTTLE_FACTOR).
"""

from base64 import b32encode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

SALT = "resguardo.accounts.enrolment"
DEVICE_NAME = "Authenticator app"


class AlreadyEnrolled(Exception):
    """The account has a confirmed authenticator; replacing it must be asked for."""


def _fingerprint(device: TOTPDevice) -> str:
    return salted_hmac(SALT, device.key).hexdigest()[:16]


def start_enrolment(user: AbstractBaseUser, *, replace: bool = False) -> str:
    """A new unconfirmed authenticator for `user`; returns the enrolment link's token.
    With `replace`, the account's confirmed authenticator is removed (its sessions are no
    longer verified); without, an account that has one raises AlreadyEnrolled."""
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user)
        if not replace and devices.filter(confirmed=True).exists():
            raise AlreadyEnrolled(user.get_username())
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return signing.dumps({"d": device.pk, "k": _fingerprint(device)}, salt=SALT)


def pending(token: str) -> TOTPDevice | None:
    """The unconfirmed authenticator an enrolment link names, or None if the link is
    altered, expired, used, replaced by a newer one, or for an account that may not sign
    in."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.ENROLMENT_HOURS * 60 * 60)
    except signing.BadSignature:
        return None
    device = (TOTPDevice.objects.select_related("user")
              .filter(pk=data.get("d"), confirmed=False, user__is_active=True,
                      user__is_staff=True).first())
    if device is None or not constant_time_compare(_fingerprint(device), data.get("k", "")):
        return None
    return device


def confirm(device: TOTPDevice, code: str) -> bool:
    """Confirm a pending authenticator with the first code it shows."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk,
                                                               confirmed=False).first()
        if locked is None or not locked.verify_token(code):
            return False
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
    device.refresh_from_db()
    return True


def verified_device(user: AbstractBaseUser, code: str) -> TOTPDevice | None:
    """The account's confirmed authenticator if it accepts `code` now, else None (a wrong,
    used or throttled code, or no authenticator)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user,
                                                               confirmed=True).first()
        if device is not None and device.verify_token(code):
            return device
    return None


def has_authenticator(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def grouped_key(device: TOTPDevice) -> str:
    """The secret key as authenticator apps take it typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
