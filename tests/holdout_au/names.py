"""Name, street and suburb pools for an Australian population (all invented combinations).

The pools are kept as compact text: G group weight, F female and M male first names, S surnames
(underscore for a space), N nationalities (code:share) of people of that heritage who are not
Australian citizens.
"""

from __future__ import annotations

_GROUPS = """
G anglo 52
F Olivia Charlotte Mia Ava Chloe Emily Sophie Grace Ruby Jessica Sarah Emma Kate Megan
F Hannah Lily Zoe Isla Amelia Georgia Lauren Kylie Michelle Tracey Karen Sharon
M Jack William Oliver Noah Thomas James Lachlan Liam Cooper Ethan Lucas Mitchell Nathan Ryan
M Daniel Matthew Josh Brendan Craig Darren Shane Wayne Glenn Scott Adam Luke
S Smith Jones Williams Brown Wilson Taylor Johnson White Martin Anderson Thompson Walker
S Harris Ryan Robinson Kelly King Campbell Mitchell Clarke Murphy Hughes Baker Cooper
S Stewart Morris Kennedy O'Brien McDonald Sullivan Fraser Doyle Hall Graham
N GB:0.06 NZ:0.05 IE:0.02
G mediterranean 7
F Maria Sofia Elena Angela Georgia Eleni Despina Rita Lucia
M Giuseppe Marco Nick George Con Peter Antonio Dimitri Luca Steve
S Rossi Papadopoulos Russo Costa Nikolaidis Bianchi Romano Georgiou Esposito Galea
S Karagiannis Ferrari
N IT:0.03 GR:0.03
G chinese 9
F Mei Xin Jing Ying Lin Wen Hui Li Na Xiaoyu Yan Jia
M Wei Jun Hao Lei Ming Jian Tao Bo Yong Kai Zhi Chen
S Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Lin Ma Zhu
N CN:0.38 HK:0.04 MY:0.04
G vietnamese 4
F Lan Linh Trang Thao Huong Ngoc Mai Hoa Anh
M Minh Duc Hung Tuan Long Quang Thanh Khoa Binh
S Nguyen Tran Le Pham Hoang Vo Phan Dang Bui Do
N VN:0.2
G south_asian 8
F Priya Ananya Divya Pooja Sneha Kavya Harpreet Nisha Shreya Tharushi
M Rahul Arjun Vikram Amit Sanjay Harjit Ravi Karan Nuwan Kasun
S Patel Singh Sharma Kumar Gupta Reddy Shah Kaur Perera Fernando Silva Jayasuriya
N IN:0.4 LK:0.1 NP:0.05
G filipino 3
F Maricel Jocelyn Rowena Kristine Analyn Jennifer Joy
M Jose Mark Rodel Jerome Angelo Paolo Ramon
S Santos Reyes Cruz Bautista Garcia Mendoza Dela Cruz Villanueva
N PH:0.35
G korean 2
F Ji-yeon Min-ji Seo-yeon Soo-jin Hye-jin Eun-ji
M Min-jun Ji-ho Seung-woo Hyun-woo Dong-hyun
S Kim Lee Park Choi Jung Kang Yoon
N KR:0.5
G thai 1.5
F Siriporn Nattaya Pimchanok Kanya Supaporn Ratana Wanida Apinya
M Somchai Anan Kittisak Prasert Chaiwat Surasak
S Saetang Wongsa Srisuk Chaiyaporn Boonmee Rattanakul Kongkaew Thongdee
N TH:0.6
G indonesian 1.2
F Dewi Sri Putri Wulan Ayu Ratna
M Budi Agus Rizky Eko Hendra Made
S Santoso Wijaya Saputra Hidayat Kusuma Siregar Nugroho
N ID:0.6
G middle_east 5
F Fatima Zahra Maryam Layla Noor Sara Amina Rana
M Mohammad Ali Ahmad Hassan Hussein Mustafa Omar Karim Reza Abdul
S Hosseini Ahmadi Rezaei Haidari Al-Jabouri Khan Rahimi Nazari Mohammadi Jafari Abboud
S Haddad Khoury Saleh
N AF:0.18 IQ:0.12 IR:0.1 LB:0.05
G pacific 1.5
F Mele Losana Ana Seini Vika Salote
M Sione Tevita Viliami Semisi Iosefa Ratu
S Tupou Fifita Vaipulu Naivalu Leota Faleolo Tuilagi Kaufusi
N FJ:0.2 TO:0.2 WS:0.15 VU:0.1 NZ:0.1
"""

_STREETS = """
Wattle Banksia Bottlebrush Jacaranda Waratah Grevillea Acacia Cook Flinders Macquarie
Bligh Phillip Lachlan Darling Murray Hume Sturt Eyre Leichhardt Kingsford Federation Anzac
Victoria Albert Church George Elizabeth King Queen Railway Station Beach Ocean Ridge Hill
Park Bay Creek River Gum Ironbark Kurrajong Coolabah Yarra Swan Todd Boab
"""

_SUBURBS = """
Sydney: Parramatta, Blacktown, Auburn, Cabramatta, Chatswood, Bondi, Newtown
Sydney: Liverpool, Hurstville, Strathfield, Penrith, Randwick, Ashfield, Burwood
Melbourne: Dandenong, Footscray, Box Hill, Sunshine, Richmond, St Kilda, Brunswick
Melbourne: Glen Waverley, Werribee, Springvale, Craigieburn, Carlton
Brisbane: Sunnybank, Inala, Fortitude Valley, Chermside, Woolloongabba
Brisbane: Indooroopilly, Logan Central, Toowong
Perth: Fremantle, Mirrabooka, Northbridge, Joondalup, Cannington, Morley, Subiaco
Adelaide: Glenelg, Prospect, Salisbury, Norwood, Elizabeth, Port Adelaide
Darwin: Casuarina, Palmerston, Nightcliff, Stuart Park, Karama, Parap
Gold Coast: Surfers Paradise, Southport, Broadbeach, Robina, Burleigh Heads
"""

STREET_TYPES = [
    ("Street", "St"),
    ("Road", "Rd"),
    ("Avenue", "Ave"),
    ("Crescent", "Cres"),
    ("Parade", "Pde"),
    ("Place", "Pl"),
    ("Drive", "Dr"),
    ("Court", "Ct"),
    ("Lane", "Ln"),
    ("Terrace", "Tce"),
    ("Close", "Cl"),
    ("Highway", "Hwy"),
    ("Esplanade", "Esp"),
    ("Way", "Way"),
]
FIRM_WORDS = [
    "Southern",
    "Cross",
    "Coastal",
    "Outback",
    "Harbour",
    "Bluegum",
    "Sunrise",
    "Red",
    "Centre",
    "Golden",
    "Wattle",
    "Pacific",
    "Kookaburra",
    "Summit",
    "Riverina",
    "Top",
    "End",
    "Bayside",
    "Eastern",
    "Metro",
    "Koala",
    "Ironbark",
    "Saltwater",
]


def _parse_groups(text: str) -> dict[str, tuple[float, list[str], list[str], list[str], list]]:
    out: dict = {}
    cur: list = []
    for line in text.strip().splitlines():
        tag, _, rest = line.partition(" ")
        if tag == "G":
            name, weight = rest.split()
            cur = [float(weight), [], [], [], []]
            out[name] = cur
        elif tag in "FMS":
            cur["FMS".index(tag) + 1].extend(w.replace("_", " ") for w in rest.split())
        elif tag == "N":
            cur[4].extend((c, float(s)) for c, s in (x.split(":") for x in rest.split()))
    return {k: (v[0], v[1], v[2], v[3], v[4]) for k, v in out.items()}


GROUPS = _parse_groups(_GROUPS)
STREET_NAMES = _STREETS.split()
SUBURBS: dict[str, list[str]] = {}
for _line in _SUBURBS.strip().splitlines():
    _city, _, _rest = _line.partition(":")
    SUBURBS.setdefault(_city, []).extend(x.strip() for x in _rest.split(","))
