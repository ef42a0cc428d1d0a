"""Trafficking indicators on hand-written stories: victims' money swept to a controller, buyers
paying one woman, workers paying a collector, lodging circuits, fares then arrivals. Each fires
where the story says and not on its look-alike; evidence names the transactions."""

from __future__ import annotations

from pathlib import Path

from tests.detect.dataset_builder import Dataset, screen_evidence, screen_flags


def test_lodging_circuit_fires_across_cities_not_in_one(tmp_path: Path) -> None:
    data = Dataset()
    mover = data.person("mover", "Ann Lee")
    stayer = data.person("stayer", "Bo Chan")
    for night, city in enumerate(["Denver", "Phoenix", "Dallas", "Austin", "Denver"]):
        data.pay(
            day=night * 2,
            amount=129,
            channel="card",
            source=mover,
            merchant_name="StayWell",
            merchant_category_code="7011",
            city=city,
        )
        data.pay(
            day=night * 2,
            amount=129,
            channel="card",
            source=stayer,
            merchant_name="StayWell",
            merchant_category_code="7011",
            city="Denver",
        )
    evidence = screen_evidence(data, tmp_path)
    hit = evidence[(mover, "HT-SEX-03")]
    assert hit["value"] == 5 and hit["threshold"] == 4
    assert len(hit["transaction_ids"]) == 5
    assert (stayer, "HT-SEX-03") not in evidence


def test_sweep_to_controller_and_controller_hub(tmp_path: Path) -> None:
    data = Dataset()
    boss = data.person("boss", "Rex Stone")
    victims = [data.person(f"v{i}", name) for i, name in enumerate(["Ivy Moss", "Joy Park"])]
    saver = data.person("saver", "Kim West")
    for day in range(0, 28, 3):
        for victim in victims:
            data.pay(
                day=day, amount=300, channel="p2p", target=victim, counterparty_name="Tom Hill"
            )
            data.pay(day=day + 0.2, amount=280, channel="p2p", source=victim, target=boss)
        data.pay(day=day, amount=300, channel="p2p", target=saver, counterparty_name="Tom Hill")
        data.pay(
            day=day + 0.2,
            amount=40,
            channel="card",
            source=saver,
            merchant_name="ValueFoods",
            merchant_category_code="5411",
        )
    evidence = screen_evidence(data, tmp_path)
    for victim in victims:
        assert evidence[(victim, "HT-SEX-14")]["value"] > 0.9
    assert (saver, "HT-SEX-14") not in evidence
    hub = evidence[(boss, "HT-SEX-15")]
    assert hub["value"] == 2


def test_fares_then_arrivals_at_the_buyers_address(tmp_path: Path) -> None:
    data = Dataset()
    recruiter = data.person("boss", "Rex Stone", address="9 Lake St")
    arrivals = [
        data.person(key, name, address="9 Lake St", opened=opened, nationality="TH")
        for key, name, opened in [("a1", "Dao Mai", "2024-03-20"), ("a2", "Ploy Sri", "2024-04-01")]
    ]
    lodger = data.person(
        "old", "Nok Kaew", address="9 Lake St", opened="2023-02-01", nationality="TH"
    )
    local = data.person("us", "Amy Ward", address="9 Lake St", opened="2024-03-25")
    fares = [
        data.pay(day=day, amount=640, channel="card", source=recruiter,
                 merchant_name="THAI AIRWAYS", merchant_category_code="4511")
        for day in (0, 2)
    ]  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    for account in [*arrivals, recruiter]:
        hit = evidence[(account, "GEO-04")]
        assert hit["value"] == 2 and sorted(hit["transaction_ids"]) == sorted(fares)
    # Opened long before the fares, or a national of the country: not an arrival.
    assert (lodger, "GEO-04") not in evidence and (local, "GEO-04") not in evidence


def test_workers_paying_one_collector_after_payday(tmp_path: Path) -> None:
    """Three workers (two share a surname, as villagers often do) pay one collector part of
    each wage; their two paydays straddle the 30-day window boundary (days 24 and 31)."""
    data = Dataset()
    farm = data.person("farm", "Green Acres Farm")
    collector = data.person("coll", "Bo Drake")
    names = ["Yonas Haile", "Filmon Haile", "Dawit Tesfa"]
    workers = [data.person(f"w{i}", name) for i, name in enumerate(names)]
    family = [data.person(f"f{i}", f"Kim Lee{i}") for i in range(3)]
    aunt = data.person("aunt", "Ann Lee")
    data.pay(day=0, amount=50, channel="p2p", source=aunt, target=collector)  # the period's start
    for payday in (24, 31):
        for worker in workers:
            data.pay(
                day=payday,
                amount=700,
                channel="ach",
                source=farm,
                target=worker,
                description="WAGES GREEN ACRES",
            )
            data.pay(day=payday + 1, amount=400, channel="p2p", source=worker, target=collector)
        for relative in family:  # payday transfers to an aunt, but no wages: no instalments
            data.pay(day=payday + 1, amount=400, channel="p2p", source=relative, target=aunt)
    evidence = screen_evidence(data, tmp_path)
    for worker in workers:
        assert evidence[(worker, "HT-LAB-05")]["value"] == 3
    assert not any((relative, "HT-LAB-05") in evidence for relative in family)


def test_instalments_out_of_cash_takings_to_one_collector(tmp_path: Path) -> None:
    """Three women bank cash each week and pay one collector the next day (HT-LAB-16); three
    savings-club members do the same but the organiser pays them back in turn."""
    data = Dataset()
    collector = data.person("coll", "Rex Hale")
    organiser = data.person("org", "Ama Owusu")
    women = [
        data.person(f"v{i}", name) for i, name in enumerate(["Mali Sri", "Nok Chai", "Ploy Tan"])
    ]
    members = [data.person(f"m{i}", f"Member Club{i}") for i in range(3)]
    for week in range(4):
        for woman in women:
            data.pay(day=week * 7, amount=1200, channel="cash", target=woman)
            data.pay(day=week * 7 + 1.2, amount=500, channel="p2p", source=woman, target=collector)
        for member in members:
            data.pay(day=week * 7, amount=300, channel="cash", target=member)
            data.pay(day=week * 7 + 1, amount=100, channel="p2p", source=member, target=organiser)
        data.pay(day=week * 7 + 2, amount=300, channel="p2p", source=organiser,
                 target=members[week % 3])  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    for woman in women:
        assert evidence[(woman, "HT-LAB-16")]["value"] == 3
    assert evidence[(collector, "HT-LAB-16")]["value"] == 3
    assert not any((member, "HT-LAB-16") in evidence for member in members)


def test_buyer_funded_accounts_paying_one_man_days_later(tmp_path: Path) -> None:
    """Three women paid by a dozen buyers each pay Rex every few days (too late for HT-SEX-14's
    24 h): HT-SEX-28. A fourth, as busy, pays only her own landlord: not."""
    data = Dataset()
    rex = data.person("rex", "Rex Hale")
    landlord = data.person("land", "Lou Grant")
    women = [
        data.person(f"v{i}", name)
        for i, name in enumerate(["Mali Sri", "Nok Chai", "Ploy Tan", "Ida Berg"])
    ]
    for i, woman in enumerate(women):
        for buyer in range(12):
            data.pay(day=buyer * 2 + 0.5, amount=150 + 10 * buyer, channel="p2p", target=woman,
                     counterparty_name=f"Buyer{i}x{buyer} Person")  # fmt: skip
        for week in range(4):
            payee = landlord if woman == women[3] else rex
            data.pay(day=week * 6 + 3, amount=600, channel="p2p", source=woman, target=payee)
    evidence = screen_evidence(data, tmp_path)
    for woman in women[:3]:
        assert (woman, "HT-SEX-11") in evidence
        assert evidence[(woman, "HT-SEX-28")]["value"] == 3
        assert len(evidence[(woman, "HT-SEX-28")]["transaction_ids"]) == 4
    assert (women[3], "HT-SEX-11") in evidence and (women[3], "HT-SEX-28") not in evidence


def test_a_lone_buyer_funded_account_handing_its_money_to_one_man(tmp_path: Path) -> None:
    """HT-SEX-30: paid by a dozen buyers, she hands most of it to Rex in lumps every few days
    (and Rex gets HT-SEX-31); a plumber paid by a dozen customers pays most of it as rent to
    his landlord: not."""
    data = Dataset()
    rex = data.person("rex", "Rex Hale")
    landlord = data.person("land", "Lou Grant")
    victim = data.person("v", "Mali Sri")
    plumber = data.person("p", "Ned Pipe")
    for buyer in range(12):
        for target, who in ((victim, "Buyer"), (plumber, "Client")):
            data.pay(day=buyer * 2 + 0.5, amount=150 + 10 * buyer, channel="p2p", target=target,
                     counterparty_name=f"{who}{buyer} Person")  # fmt: skip
    for lump in range(5):
        data.pay(day=lump * 5 + 3, amount=300 + 40 * lump, channel="p2p", source=victim,
                 target=rex)  # fmt: skip
        data.pay(day=lump * 5 + 3, amount=380, channel="p2p", source=plumber, target=landlord,
                 description="rent + bills")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    hit = evidence[(victim, "HT-SEX-30")]
    assert hit["value"] == 1 and len(hit["transaction_ids"]) == 5
    assert "60 % of all it received" in str(hit["detail"])
    assert (plumber, "HT-SEX-11") in evidence and (plumber, "HT-SEX-30") not in evidence
    assert evidence[(rex, "HT-SEX-31")]["value"] == 5  # the man she lives for
    assert (landlord, "HT-SEX-31") not in evidence


def test_a_crypto_broker_paid_by_an_alerted_controller(tmp_path: Path) -> None:
    """HT-SEX-32 with NET-05: the broker who turns a listed controller's transfers into crypto
    within hours, again and again (catalogue T10 step 2), is a network member. A hobbyist who
    buys crypto after a friend's transfers is tied to no alert and stays clear."""
    data = Dataset()
    controller = data.person("boss", "Hamza Ali", phone="+13125550188")
    broker = data.person("broker", "Kris Lewandowski")
    friend = data.person("friend", "Omar Reyes")
    hobbyist = data.person("hobby", "Tim Walsh")
    for day in (2, 9, 16, 23):
        data.pay(day=day, amount=300, channel="p2p", source=controller, target=broker,
                 description="usdt")  # fmt: skip
        data.pay(day=day + 0.08, amount=291, channel="crypto", source=broker,
                 counterparty_name="KRAKEN", description="BUY USDT")  # fmt: skip
        data.pay(day=day, amount=300, channel="p2p", source=friend, target=hobbyist,
                 description="btc")  # fmt: skip
        data.pay(day=day + 0.08, amount=291, channel="crypto", source=hobbyist,
                 counterparty_name="KRAKEN", description="BUY BTC")  # fmt: skip
    data.watchlist.append({"entry_id": "W1", "kind": "phone", "value": "+13125550188",
                           "note": "controller in an escort-ad investigation"})  # fmt: skip
    flagged, evidence = screen_flags(data, tmp_path)
    assert evidence[(broker, "HT-SEX-32")] >= 3
    assert flagged[controller] and flagged[broker]
    assert (hobbyist, "HT-SEX-32") in evidence  # the same habit ...
    assert not flagged[hobbyist]  # ... tied to no alert is nobody's business
