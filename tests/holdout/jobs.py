"""Reference tables: occupations with pay, outside employers, business sectors."""

from __future__ import annotations

JOBS: tuple[tuple[str, int, int, str, float, bool], ...] = (
    ("Nurse", 29000, 43000, "monthly", 0.3, False),
    ("Care assistant", 20000, 24500, "four_weekly", 0.2, False),
    ("Warehouse operative", 22000, 27500, "weekly", 0.3, False),
    ("HGV driver", 31000, 42000, "weekly", 0.3, False),
    ("Retail assistant", 19000, 23500, "four_weekly", 0.0, False),
    ("Bar staff", 17000, 21500, "weekly", 0.8, True),
    ("Chef", 23000, 33000, "monthly", 0.2, False),
    ("Teacher", 32000, 49000, "monthly", 0.0, False),
    ("Software developer", 45000, 85000, "monthly", 0.0, False),
    ("Accountant", 38000, 70000, "monthly", 0.0, False),
    ("Electrician", 32000, 48000, "weekly", 0.0, False),
    ("Office administrator", 22000, 29000, "monthly", 0.0, False),
    ("Hairdresser", 18000, 24000, "weekly", 0.0, True),
    ("Cleaner", 16000, 21000, "weekly", 0.1, True),
    ("Police officer", 33000, 46000, "monthly", 0.3, False),
    ("Civil servant", 28000, 45000, "monthly", 0.0, False),
    ("Engineer", 40000, 66000, "monthly", 0.0, False),
    ("Sales manager", 38000, 60000, "monthly", 0.0, False),
    ("Delivery driver", 20000, 26000, "weekly", 0.2, False),
    ("Security officer", 21000, 27000, "weekly", 0.7, False),
    ("Construction labourer", 23000, 32000, "weekly", 0.0, False),
    ("Factory worker", 21000, 27000, "weekly", 0.3, False),
    ("Doctor", 55000, 110000, "monthly", 0.3, False),
)


EMPLOYERS = (
    "NHS Foundation Trust",
    "Tesco Stores Ltd",
    "Amazon UK Services Ltd",
    "City Council",
    "Royal Mail Group Ltd",
    "Sainsbury's Supermarkets Ltd",
    "DHL Supply Chain Ltd",
    "Capita plc",
    "BT Group plc",
    "Serco Ltd",
    "Compass Group UK",
    "Mitie Ltd",
    "Greencore Group",
    "2 Sisters Food Group",
    "HMRC",
    "University",
    "Ocado Retail Ltd",
    "Bupa Care Homes",
    "Network Rail",
    "Wates Construction",
)


SECTORS: tuple[
    tuple[str, tuple[str, ...], float, tuple[int, int], tuple[int, int], float, float], ...
] = (
    ("food", ("5610", "5621"), 0.16, (3, 15), (150_000, 900_000), 0.7, 0.2),
    ("retail", ("4711", "4771", "4719", "4773"), 0.16, (2, 12), (200_000, 1_200_000), 0.75, 0.2),
    ("salon", ("9602",), 0.07, (2, 6), (80_000, 300_000), 0.7, 0.25),
    ("trade", ("4321", "4322", "4120", "4330"), 0.15, (1, 12), (120_000, 1_500_000), 0.0, 0.05),
    ("services", ("6920", "7022", "7490", "7410"), 0.12, (1, 8), (80_000, 800_000), 0.0, 0.0),
    ("transport", ("4941", "4932"), 0.08, (1, 20), (100_000, 2_000_000), 0.0, 0.05),
    ("agri", ("0113", "0161"), 0.05, (5, 40), (500_000, 4_000_000), 0.0, 0.0),
    ("property", ("6820",), 0.07, (0, 3), (60_000, 600_000), 0.0, 0.0),
    ("wholesale", ("4690", "4631"), 0.07, (2, 20), (400_000, 4_000_000), 0.0, 0.0),
    ("care", ("8730", "8810"), 0.04, (10, 60), (600_000, 3_000_000), 0.0, 0.0),
    ("charity", ("9499",), 0.03, (0, 4), (30_000, 250_000), 0.0, 0.1),
)


SECTOR_WORD = {
    "food": "Kitchen",
    "retail": "Stores",
    "salon": "Hair & Beauty",
    "trade": "Building Services",
    "services": "Consulting",
    "transport": "Logistics",
    "agri": "Growers",
    "property": "Lettings",
    "wholesale": "Wholesale",
    "care": "Care Services",
    "charity": "Community Trust",
}
