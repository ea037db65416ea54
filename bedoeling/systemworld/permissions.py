"""Who may do what in the system world. Everyone in the organisation reads the register,
the signals and the actions, and reports; these decide the rest."""

from bedoeling.accounts.models import Membership


def may_manage_rules(membership: Membership) -> bool:
    return membership.can_steer


def may_edit_rule(membership: Membership, rule) -> bool:
    return membership.can_steer or rule.owner_user_id == membership.user_id


def may_respond(membership: Membership, signal) -> bool:
    """The owner of the rule a signal is about answers it; so may those who steer."""
    if membership.can_steer:
        return True
    return signal.rule_id is not None and signal.rule.owner_user_id == membership.user_id


def may_triage(membership: Membership) -> bool:
    return membership.can_steer


def may_create_action(membership: Membership, rule=None) -> bool:
    if membership.can_steer:
        return True
    return rule is not None and rule.owner_user_id == membership.user_id


def may_update_action(membership: Membership, action) -> bool:
    return membership.can_steer or action.owner_id == membership.user_id


def may_manage_public_link(membership: Membership) -> bool:
    return membership.can_steer
