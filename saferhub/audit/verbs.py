"""What can happen to a record. Each app adds its own verbs here, in one list."""

from enum import StrEnum


class Verb(StrEnum):
    VIEWED = "viewed"
    EXPORTED = "exported"
    # sign-in
    SIGNED_IN = "account.signed_in"
    SIGNED_OUT = "account.signed_out"
    SIGN_IN_FAILED = "account.sign_in_failed"
    SECOND_FACTOR_ADDED = "account.second_factor_added"
    SECOND_FACTOR_FAILED = "account.second_factor_failed"
    SECOND_FACTOR_RESET = "account.second_factor_reset"
    PASSWORD_RESET_REQUESTED = "account.password_reset_requested"
    PASSWORD_CHANGED = "account.password_changed"
    # users, roles and tokens
    USER_CREATED = "user.created"
    USER_UPDATED = "user.updated"
    USER_DISABLED = "user.disabled"
    USER_ENABLED = "user.enabled"
    ROLE_GRANTED = "user.role_granted"
    ROLE_REVOKED = "user.role_revoked"
    TOKEN_CREATED = "token.created"
    TOKEN_REVOKED = "token.revoked"
    # partnerships
    AREA_CREATED = "area.created"
    AREA_UPDATED = "area.updated"
    LOCAL_AUTHORITY_CREATED = "local_authority.created"
    LOCAL_AUTHORITY_UPDATED = "local_authority.updated"
    PARTNERSHIP_CREATED = "partnership.created"
    PARTNERSHIP_UPDATED = "partnership.updated"
    ORGANISATION_CREATED = "organisation.created"
    ORGANISATION_UPDATED = "organisation.updated"
    MEMBERSHIP_ADDED = "membership.added"
    MEMBERSHIP_ENDED = "membership.ended"
    AGREEMENT_CREATED = "agreement.created"
    AGREEMENT_UPDATED = "agreement.updated"
    AGREEMENT_ARCHIVED = "agreement.archived"
