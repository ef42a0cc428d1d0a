"""Household extras of the ordinary population: prepaid cards parents hold for teenagers."""

from __future__ import annotations

from tests.holdout.kyc import Identity, past_date, person_party, relative
from tests.holdout.profiles import Profile
from tests.holdout.world import World


def teen_card(w: World, parent: Identity, prof: Profile) -> None:
    """A prepaid card a parent holds for a teenager, topped up weekly from the parent's account."""
    teen = relative(w, parent, w.pick(("male", "female")), float(w.rng.uniform(13, 17.5)))
    holder = person_party(w, parent, "KESTREL", None, None, past_date(w, 0.2, 3))
    card = w.open_account(holder, "KESTREL", "prepaid_card", past_date(w, 0.1, 2), parent.home.city)
    w.link(
        card,
        person_party(w, teen, "KESTREL", "Student", None, past_date(w, 0.1, 2)),
        "authorised_user",
    )
    w.profiles.append(
        Profile(
            party=holder,
            cur=card,
            city=parent.home.city,
            surname=teen.surname,
            age=15,
            income=0.0,
            gender=teen.gender,
            pay="allowance",
            employer_acct=prof.cur,
            pay_net=float(w.rng.integers(2, 7) * 5),
            spend=0.35,
            social=0.3,
            device=w.device_id(),
            ip=prof.ip,
        )
    )
