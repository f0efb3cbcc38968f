"""The thirteen demo referrals: who refers what to which panel, why, and what the panel decides.

Every reason is invented, in the words an officer would use; no real case is described.
"""

from __future__ import annotations

from dataclasses import dataclass

from saferhub.cases.models import PanelKind
from saferhub.incidents.models import InvolvementRole, RiskLevel
from saferhub.referrals.models import Consent, LawfulBasis, ReferralSubject

LINKED_INCIDENTS = 3
# What happens to a referral once made.
PENDING, ACCEPT, DECLINE, SIGNPOST, WITHDRAW = "pending", "accept", "decline", "signpost", "withdraw"
# Who or what is referred (see ``_pick``).
REPEAT_VICTIM_1, REPEAT_VICTIM_2 = "repeat_victim_1", "repeat_victim_2"
VICTIM, ALLEGED_PERPETRATOR = InvolvementRole.VICTIM, InvolvementRole.ALLEGED_PERPETRATOR
HOUSEHOLD, PLACE = "household", "place"


@dataclass(frozen=True)
class ReferralPlan:
    partnership: str
    panel: str  # the panel's kind
    referrer: str  # the referring demo user's local part
    subject: str
    who: str
    risk_level: str
    consent: str
    reason: str
    lawful_basis: str = ""
    consent_notes: str = ""
    outcome: str = PENDING
    decided_by: str = "panel.chair"
    decision_reason: str = ""
    signposted_to: str = ""
    # Accepted: a new case, titled with "{subject}" standing for who or what is referred, led by the
    # organisation of the demo user ``lead`` with those of ``agencies``; or the open case of the referral
    # whose reason is ``joins`` (a new case only if that one is gone).
    case_title: str = ""
    lead: str = ""
    agencies: tuple[str, ...] = ()
    joins: str = ""
    withdrawal_reason: str = ""


S115_PLACE_NOTES = (
    "The referral is about a place: the residents who complained are not named. The incidents are shared "
    "under section 115 because the Hub needs them to plan a joint response, and nothing more is shared."
)
BRAINTREE_ACCEPTED = (
    "Repeat victim of harassment: reports to three agencies in about three months, the most recent of a group "
    "waiting outside the house and following the resident to the shops. The screening answers show high "
    "risk. Asking the Hub to coordinate the agencies' work and to consider whether the ASB Case Review "
    "threshold has been met."
)

PLANS: tuple[ReferralPlan, ...] = (
    # Braintree
    ReferralPlan(
        "braintree",
        PanelKind.HUB,
        "council.officer",
        ReferralSubject.PERSON,
        REPEAT_VICTIM_1,
        RiskLevel.HIGH,
        Consent.GIVEN,
        "Four reports in three months to the council, Essex Police and Eastlight of neighbours shouting abuse, "
        "banging on the door late at night and pushing threatening notes through the letterbox. The resident "
        "says they no longer feel safe at home and has stopped going out after dark. Warning letters have not "
        "changed anything. Asking the Hub for a joint plan, including whether a Community Protection Warning "
        "is proportionate.",
    ),
    ReferralPlan(
        "braintree",
        PanelKind.HUB,
        "housing.officer",
        ReferralSubject.PLACE,
        PLACE,
        RiskLevel.MEDIUM,
        Consent.NOT_SOUGHT,
        "Groups gathering most evenings, drinking, riding off-road bikes across the grass and leaving broken "
        "glass. Eastlight tenants in the homes next to it say they avoid it after dark, and our estate "
        "walkabouts have not changed anything. Asking the Hub to consider a joint problem-solving plan: "
        "lighting, patrols at the peak times and diversionary youth work.",
        lawful_basis=LawfulBasis.CDA_S115,
        consent_notes=S115_PLACE_NOTES,
    ),
    ReferralPlan(
        "braintree",
        PanelKind.HUB,
        "police.officer",
        ReferralSubject.PERSON,
        REPEAT_VICTIM_2,
        RiskLevel.HIGH,
        Consent.GIVEN,
        BRAINTREE_ACCEPTED,
        outcome=ACCEPT,
        decision_reason="Meets the Hub's threshold: a repeat victim at high risk. The council leads; Essex Police "
        "reviews patrols around the home.",
        case_title="{subject}: harassment at home",
        lead="council.officer",
    ),
    ReferralPlan(
        "braintree",
        PanelKind.HUB,
        "housing.officer",
        ReferralSubject.PERSON,
        REPEAT_VICTIM_2,
        RiskLevel.MEDIUM,
        Consent.GIVEN,
        "Eastlight's tenant, already known to the Hub, reports that the harassment has moved to the shared "
        "stairwell. Eastlight is considering tenancy enforcement against the neighbouring household and asks "
        "to join the Hub's case so that any action fits the agreed plan.",
        outcome=ACCEPT,
        decision_reason="Joined to the open case, so that Eastlight's tenancy action is part of the Hub's plan.",
        joins=BRAINTREE_ACCEPTED,
        case_title="{subject}: harassment at home",
        lead="council.officer",
    ),
    ReferralPlan(
        "braintree",
        PanelKind.DOMESTIC_ABUSE,
        "council.officer",
        ReferralSubject.PERSON,
        VICTIM,
        RiskLevel.MEDIUM,
        Consent.GIVEN,
        "During a visit about a neighbour complaint the resident disclosed that a former partner has been "
        "turning up at the house uninvited and sending threatening messages. DASH risk assessment completed: "
        "medium risk. Asking the sub-group for a coordinated safety plan.",
        outcome=WITHDRAW,
        withdrawal_reason="The resident withdrew their consent to the referral and asked for support from the "
        "council's tenancy sustainment team instead. Details of Safer Places were given.",
    ),
    ReferralPlan(
        "braintree",
        PanelKind.OFFENDER_COHORT,
        "police.officer",
        ReferralSubject.PERSON,
        ALLEGED_PERPETRATOR,
        RiskLevel.HIGH,
        Consent.NOT_SOUGHT,
        "Named as the alleged perpetrator in several reports of criminal damage and threatening behaviour over "
        "the past year, in different parts of the district. Recently released from a short sentence and not "
        "engaging with the support offered. Asking the cohort to consider them for joint management by the "
        "police and the Probation Service.",
        lawful_basis=LawfulBasis.DPA_PART_3,
        consent_notes="Law enforcement processing to prevent and detect crime. Asking for consent would not be "
        "meaningful and could prejudice the cohort's work; only what the cohort needs to decide is shared.",
    ),
    # Castle Point and Rochford
    ReferralPlan(
        "castle-point-rochford",
        PanelKind.HUB,
        "council.officer",
        ReferralSubject.HOUSEHOLD,
        HOUSEHOLD,
        RiskLevel.MEDIUM,
        Consent.NOT_SOUGHT,
        "Neighbours complain repeatedly of loud music late at night, shouting in the garden and visitors at "
        "all hours from this household. Two warning letters have been sent and the behaviour has not changed. "
        "Asking the Hub to consider an Acceptable Behaviour Contract, and whether the household needs support "
        "with the pressures behind it.",
        lawful_basis=LawfulBasis.CDA_S115,
        consent_notes="The household are the subject of the complaints: asking their consent first could lead "
        "to reprisals against the neighbours who reported them. Shared under section 115 to prevent further "
        "anti-social behaviour, and limited to what the Hub needs to decide.",
    ),
    ReferralPlan(
        "castle-point-rochford",
        PanelKind.EXPLOITATION,
        "police.officer",
        ReferralSubject.PERSON,
        VICTIM,
        RiskLevel.HIGH,
        Consent.NOT_SOUGHT,
        "Neighbours report a stream of short visits to the resident's flat at all hours, and young men not "
        "known to the resident staying there. The resident, who has a learning disability, told an officer that "
        "'friends' keep the spare key. Concern that the flat has been taken over for dealing drugs (cuckooing).",
        lawful_basis=LawfulBasis.CDA_S115,
        consent_notes="Asking the resident for consent could alert those using the flat and put the resident "
        "at greater risk. Sharing under section 115 is necessary to prevent crime and to protect them; the "
        "group needs it to agree a safeguarding response.",
    ),
    ReferralPlan(
        "castle-point-rochford",
        PanelKind.HUB,
        "police.officer",
        ReferralSubject.PLACE,
        PLACE,
        RiskLevel.HIGH,
        Consent.NOT_SOUGHT,
        "Fly-tipping, graffiti and groups gathering at night, reported to the police and both councils over the "
        "past year. Patrols have moved the problem on for a few days at a time. Asking the Hub to take it on as "
        "a problem-solving case: CCTV options, lighting, a clean-up and target hardening with the landowner.",
        lawful_basis=LawfulBasis.UK_GDPR_6_1_E,
        consent_notes="The referral is about a place and names nobody. The reports are shared as part of the "
        "partners' public task of reducing crime and disorder, and only those the Hub needs to plan a response.",
        outcome=ACCEPT,
        decided_by="manager",
        decision_reason="Accepted as a problem-solving case: Essex Police leads, with both councils' "
        "environmental teams.",
        case_title="Problem-solving: {subject}",
        lead="police.officer",
        agencies=("manager", "council.officer"),
    ),
    ReferralPlan(
        "castle-point-rochford",
        PanelKind.HUB,
        "housing.officer",
        ReferralSubject.PERSON,
        VICTIM,
        RiskLevel.STANDARD,
        Consent.GIVEN,
        "Sanctuary tenant reports a dispute with a neighbour over parking spaces, with raised voices on two "
        "occasions. Asking the Hub whether mediation through a partner is available.",
        outcome=DECLINE,
        decision_reason="One report of a dispute about parking and no anti-social behaviour since: below the "
        "Hub's threshold. Sanctuary to continue under its own neighbour-management process and to refer again "
        "if it escalates.",
    ),
    # Colchester
    ReferralPlan(
        "colchester",
        PanelKind.HUB,
        "council.officer",
        ReferralSubject.PERSON,
        REPEAT_VICTIM_1,
        RiskLevel.HIGH,
        Consent.GIVEN,
        "Repeat victim: four reports in about three months to the council, Essex Police and Sanctuary of "
        "intimidation by a group outside their home. The resident is frightened to leave the house and says "
        "their health is suffering. Asking the Hub for a joint plan and to consider whether the ASB Case Review "
        "threshold is met.",
    ),
    ReferralPlan(
        "colchester",
        PanelKind.DOMESTIC_ABUSE,
        "police.officer",
        ReferralSubject.PERSON,
        VICTIM,
        RiskLevel.MEDIUM,
        Consent.GIVEN,
        "Attended a report of threatening messages; the victim disclosed controlling behaviour by a former "
        "partner, including checking their phone and waiting for them outside work. DASH risk assessment "
        "completed: medium risk, below the MARAC threshold. Asking the sub-group for a coordinated safety plan "
        "and a referral to specialist support.",
    ),
    ReferralPlan(
        "colchester",
        PanelKind.HUB,
        "housing.officer",
        ReferralSubject.PERSON,
        VICTIM,
        RiskLevel.STANDARD,
        Consent.GIVEN,
        "The window of a Sanctuary tenant's car was smashed outside their home; nothing was taken and there "
        "have been no further incidents. The tenant is anxious and asked whether anything more can be done. "
        "Asking the Hub whether a partner can offer support.",
        outcome=SIGNPOST,
        signposted_to="Victim Support",
        decision_reason="A single incident with no multi-agency problem to solve. Signposted to Victim Support "
        "for emotional and practical help.",
    ),
)
