"""Laundering and smuggling money indicators on hand-written stories: structuring, cycles,
fans and their leaves, cash shuttles, escrow releases, owners and their businesses, fronts'
cash and purchases. Each fires where the story says and not on its look-alike."""

from __future__ import annotations

from pathlib import Path

from tests.detect.dataset_builder import Dataset, screen_evidence


def test_structuring_in_one_week(tmp_path: Path) -> None:
    data = Dataset()
    smurf = data.person("smurf", "Lou Diaz")
    honest = data.person("honest", "May Ford")
    for day, amount in enumerate([9500, 9100, 9900, 8800]):
        data.pay(day=day, amount=amount, channel="cash", target=smurf, city="Chicago")
    data.pay(day=1, amount=9500, channel="cash", target=honest, city="Chicago")
    data.pay(day=20, amount=12000, channel="cash", target=honest, city="Chicago")
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(smurf, "ML-02")]["value"] == 4
    assert (honest, "ML-02") not in evidence


def test_money_that_comes_back_is_a_cycle_a_chain_is_not(tmp_path: Path) -> None:
    data = Dataset()
    ring = [data.person(f"r{i}", name) for i, name in enumerate(["Al Roe", "Bea Cole", "Cy Dunn"])]
    chain = [data.person(f"c{i}", name) for i, name in enumerate(["Di Fox", "Ed Gill", "Flo Hart"])]
    for members in (ring, chain):
        data.pay(day=1.0, amount=12000, channel="ach", source=members[0], target=members[1])
        data.pay(day=1.5, amount=13100, channel="ach", source=members[1], target=members[2])
    # The ring's money returns on day 3; the chain's last account keeps it.
    closing = data.pay(day=3.0, amount=11800, channel="ach", source=ring[2], target=ring[0])
    # A cycle that takes longer than the measure's 14 days is not round-tripping.
    slow = [data.person(f"s{i}", name) for i, name in enumerate(["Gus Ivy", "Hal Joy"])]
    data.pay(day=1.0, amount=5000, channel="ach", source=slow[0], target=slow[1])
    data.pay(day=20.0, amount=5000, channel="ach", source=slow[1], target=slow[0])
    evidence = screen_evidence(data, tmp_path)
    for account in ring:
        assert evidence[(account, "FLOW-04")]["value"] == 3.0
        assert closing in evidence[(account, "FLOW-04")]["transaction_ids"]  # type: ignore[operator]
    for account in chain + slow:
        assert (account, "FLOW-04") not in evidence


def test_fan_out_burst_is_not_a_payroll_the_memo_does_not_name(tmp_path: Path) -> None:
    data = Dataset()
    employer = data.person("farm", "Red Gum Farms")
    hub = data.person("hub", "Cole Marsh")
    staff = [data.person(f"s{i}", f"Worker Number{i}") for i in range(6)]
    leaves = [data.person(f"l{i}", f"Leaf Person{i}") for i in range(6)]
    for week in range(6):
        for i, worker in enumerate(staff):
            data.pay(day=7 * week, amount=1800 + 40 * i, channel="ach", source=employer,
                     target=worker, description="PAY RED GUM FARMS")  # fmt: skip
    for i, leaf in enumerate(leaves):  # once each, within four days
        data.pay(day=10 + i * 0.5, amount=4000 + 900 * i, channel="wire", source=hub, target=leaf)
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(hub, "FLOW-02")]["value"] == 6
    assert (employer, "FLOW-02") not in evidence


def test_payers_of_a_shell_are_fan_leaves_a_trading_businesss_customers_are_not(
    tmp_path: Path,
) -> None:
    data = Dataset()
    shell = data.business("shell", "Apex Holdings")
    agency = data.business("agency", "Sunway Travel", industry_code="7911")
    shell_leaves = [data.person(f"s{i}", f"Shell Payer{i}") for i in range(6)]
    customers = [data.person(f"c{i}", f"Tour Customer{i}") for i in range(6)]
    regulars = [data.person(f"r{i}", f"Regular Traveller{i}") for i in range(12)]
    for i, (leaf, customer) in enumerate(zip(shell_leaves, customers, strict=True)):
        data.pay(day=20 + i * 0.5, amount=5000 + 700 * i, channel="ach", source=leaf, target=shell)
        data.pay(day=20 + i * 0.5, amount=1500 + 90 * i, channel="ach", source=customer,
                 target=agency)  # fmt: skip
    for i, regular in enumerate(regulars):  # the agency's trade the rest of the year
        for trip in range(2):
            data.pay(day=2 + 7 * i + 40 * trip, amount=1200 + 50 * i, channel="ach",
                     source=regular, target=agency)  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(shell, "FLOW-03")]["value"] == 6
    assert evidence[(agency, "FLOW-03")]["value"] >= 6
    assert all((leaf, "NET-06") in evidence for leaf in shell_leaves)
    assert not any((customer, "NET-06") in evidence for customer in customers)


def test_cash_shuttled_from_one_remote_city_to_home(tmp_path: Path) -> None:
    data = Dataset()
    shuttle = data.person("shut", "Mai Tran", city="Sydney")
    local = data.person("loc", "Lee Park", city="Sydney")  # banks where she lives
    for trip in range(4):
        data.pay(day=trip * 6, amount=1900, channel="cash", target=shuttle, city="Canberra")
        data.pay(day=trip * 6 + 0.8, amount=1800, channel="cash", source=shuttle, city="Sydney")
        data.pay(day=trip * 6, amount=1900, channel="cash", target=local, city="Sydney")
        data.pay(day=trip * 6 + 0.8, amount=1800, channel="cash", source=local, city="Melbourne")
    evidence = screen_evidence(data, tmp_path)
    hit = evidence[(shuttle, "ML-17")]
    assert hit["value"] == 4 and len(hit["transaction_ids"]) == 4
    assert (local, "ML-17") not in evidence  # deposits at home are not shuttled cash


def test_payments_held_for_weeks_then_released_in_a_round_sum(tmp_path: Path) -> None:
    data = Dataset()
    shop = data.person("shop", "Star Phones")
    agent = data.person("agent", "Quick Remit")  # settles every week
    for i in range(12):
        payer = data.person(f"p{i}", f"Payer Number{i}")
        data.pay(day=i, amount=1500 + 10 * i, channel="p2p", source=payer, target=shop)
        data.pay(day=i, amount=1500 + 10 * i, channel="p2p", source=payer, target=agent)
    release = data.pay(day=20, amount=15000, channel="wire", source=shop,
                       counterparty_name="Gulf Trading LLC", counterparty_country="AE")  # fmt: skip
    for week in (6, 13):  # the agent's weekly settlement holds money for days, not weeks
        data.pay(day=week + 0.5, amount=10000, channel="wire",
                 source=agent, counterparty_name="Remit HQ", counterparty_country="AE")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    hit = evidence[(shop, "MS-09")]
    assert hit["value"] == 12 and hit["transaction_ids"] == [release]
    assert (agent, "MS-09") not in evidence


def test_a_phone_shop_holding_relatives_payments_alerts_with_its_owner(tmp_path: Path) -> None:
    """MS-09 counts direct credits (an Australian Osko payment is ach) and, with three times
    its threshold of payers held for weeks, alerts on its own as a smuggling front; NET-09
    then names the shop's owner, though no money moves between him and the shop. The owner of
    a business that releases nothing gets nothing."""
    data = Dataset()
    shop = data.business("shop", "Star Phone & Travel", industry_code="4741")
    owner = data.person("own", "Hadi Karimi")
    bakery = data.business("bake", "Corner Bakery", industry_code="1071")
    baker = data.person("baker", "Ivo Brandt")
    for business, holder in ((shop, "P-own"), (bakery, "P-baker")):
        data.account_parties.append(
            {"account_id": business, "party_id": holder, "relation": "beneficial_owner"}
        )
    for i in range(30):
        payer = data.person(f"p{i}", f"Payer Number{i}")
        data.pay(day=i * 0.8, amount=1200 + 10 * i, channel="ach", source=payer, target=shop,
                 description="for brother")  # fmt: skip
        data.pay(day=i * 0.8, amount=1200 + 10 * i, channel="ach", source=payer, target=bakery)
    data.pay(day=26, amount=40000, channel="wire", source=shop,
             counterparty_name="Al Noor Trading LLC", counterparty_country="AE")  # fmt: skip
    data.pay(day=26, amount=38571.5, channel="wire", source=bakery,
             counterparty_name="Flour Mills Ltd", counterparty_country="US")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(shop, "MS-09")]["value"] == 30
    assert evidence[(owner, "NET-09")]["value"] == 1
    assert (bakery, "MS-09") not in evidence  # an uneven supplier payment is no release
    assert (baker, "NET-09") not in evidence


def test_cash_paid_at_the_counter_covers_a_release(tmp_path: Path) -> None:
    """MS-09: relatives also pay the agent in cash. Ten people's transfers (12,000) do not
    cover half a 40,000 release; with 10,000 of cash deposits in the same weeks they do. The
    people counted stay the ten who are named."""
    data = Dataset()
    with_cash = data.business("cash", "Nova Mobile Repairs", industry_code="9512")
    without = data.business("bare", "Luna Mobile Repairs", industry_code="9512")
    for i in range(10):
        payer = data.person(f"p{i}", f"Payer Number{i}")
        for shop in (with_cash, without):
            data.pay(day=i, amount=1200, channel="p2p", source=payer, target=shop)
    for day in (4, 9, 14, 19):
        data.pay(day=day, amount=2500, channel="cash", target=with_cash)
    for shop in (with_cash, without):
        data.pay(day=24, amount=40000, channel="wire", source=shop,
                 counterparty_name="Marmara Trading Co", counterparty_country="TR")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(with_cash, "MS-09")]["value"] == 10
    assert (without, "MS-09") not in evidence


def test_an_owner_known_to_another_bank_as_another_party(tmp_path: Path) -> None:
    """ML-07: the business's register names its director as a party of its own; he is the
    same person as the customer it pays (one entity), so the money counts. A stranger the
    business pays as much does not."""
    data = Dataset()
    owner = data.person("own", "Kai Moreno", phone="+13125550142", address="9 Oak Rd")
    stranger = data.person("str", "Lee Park", phone="+13125550177")
    business = data.business("biz", "Moreno Trading")
    director = {**data.parties[0], "party_id": "P-director"}  # the register's copy of Kai
    data.parties.append(director)
    data.account_parties.append(
        {"account_id": business, "party_id": "P-director", "relation": "beneficial_owner"}
    )
    for day in (3, 17):
        for payee in (owner, stranger):
            data.pay(day=day, amount=6000, channel="wire", source=business, target=payee,
                     description="director loan")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(owner, "ML-07")]["value"] == 12000
    assert evidence[(business, "ML-07")]["value"] == 12000
    assert (stranger, "ML-07") not in evidence


def test_a_business_moving_money_between_its_own_accounts_is_no_owner(tmp_path: Path) -> None:
    """ML-07: an importer's FX transfers from its GBP to its USD account (the business holds
    both) are not money between an owner and the business; its director's drawings are."""
    data = Dataset()
    gbp = data.business("imp", "Kumar Import Export Ltd", industry_code="4690")
    usd = "A-imp-usd"
    data.accounts.append({**data.accounts[-1], "account_id": usd, "currency": "USD"})
    director = data.person("dir", "Ravi Kumar")
    data.account_parties.append(
        {"account_id": gbp, "party_id": "P-dir", "relation": "beneficial_owner"}
    )
    for day in (2, 9, 16):
        data.pay(day=day, amount=40000, channel="internal", source=gbp, target=usd,
                 description="FX GBP/USD")  # fmt: skip
    data.pay(day=20, amount=14000, channel="p2p", source=gbp, target=director,
             description="drawings")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(gbp, "ML-07")]["value"] == 14000
    assert evidence[(director, "ML-07")]["value"] == 14000
    assert (usd, "ML-07") not in evidence


def test_a_restaurant_banking_takings_is_not_cash_in_wires_out(tmp_path: Path) -> None:
    """MS-03: the same cash deposits and wires to an origin country are unexplained for a
    person, and the business for a restaurant (HOSPITALITY)."""
    data = Dataset()
    person = data.person("p", "Ali Khan")
    restaurant = data.person("r", "Spice Route Restaurant Pty Ltd")
    for party in data.parties:
        if party["party_id"] == "P-r":
            party.update(party_type="organisation", birth_date="", industry_code="5610")
    for account in (person, restaurant):
        for week in range(4):
            data.pay(day=week * 7, amount=2500, channel="cash", target=account)
            data.pay(day=week * 7 + 2, amount=2000, channel="wire", source=account,
                     counterparty_name="Omar Khan", counterparty_country="AF")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(person, "MS-03")]["value"] >= 3
    assert (restaurant, "MS-03") not in evidence


def test_boat_engine_and_satphone_bought_by_a_private_person(tmp_path: Path) -> None:
    """MS-12: two sea-logistics merchants in a month (a boat dealer, a satphone shop); one
    marina fuel bill a month is a weekend boater's."""
    data = Dataset()
    deckhand = data.person("d", "Jed Crane", city="Broome")
    boater = data.person("b", "Amy Shore", city="Broome")
    data.pay(day=3, amount=5200, channel="card", source=deckhand,
             merchant_name="Kimberley Outboards", merchant_category_code="5551")  # fmt: skip
    data.pay(day=5, amount=1300, channel="card", source=deckhand,
             merchant_name="Satphone Shop Australia", merchant_category_code="4812")  # fmt: skip
    for month in range(3):
        data.pay(day=month * 30 + 2, amount=900, channel="card", source=boater,
                 merchant_name="Broome Marina Fuel", merchant_category_code="4468")  # fmt: skip
    evidence = screen_evidence(data, tmp_path)
    assert evidence[(deckhand, "MS-12")]["value"] == 2
    assert (boater, "MS-12") not in evidence
