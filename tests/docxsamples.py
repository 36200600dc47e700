"""A Word study guide shaped like a real one (a disarmament committee), written with tests/docxbuild.py.

tests/data/disarmament-guide.docx was saved from `disarmament_guide()`; the tests read the saved file.
"""
from __future__ import annotations

from docxbuild import DocBuilder

PARAGRAPHS = {
    1: "The present report responds to the request of the General Assembly for the views of Member States on "
       "nuclear disarmament verification.",
    2: "Verification builds the confidence without which no State will give up its arsenal.",
    3: "Eleven Member States and two regional organizations submitted their views by 30 April 2026.",
    4: "The International Partnership for Nuclear Disarmament Verification has brought together more than "
       "twenty-five States since 2014.",
    5: "Several approaches to the verification of warhead dismantlement have been tested in exercises:",
    6: "The Secretary-General encourages all States to take part in this work.",
}


def disarmament_guide(path):
    b = DocBuilder()
    b.para("VIENNA MUN 2026")
    b.para("STUDY GUIDE")
    b.para("FIRST COMMITTEE")
    b.para("")
    b.para("Vienna Model United Nations")
    b.para("Universitätsring 1")
    b.para("1010 Vienna")
    b.para("Email: secretariat@viennamun.example")
    b.title("Nuclear disarmament verification")
    b.title("Report of the Secretary-General", style="Subtitle")
    heading = b.heading("I. Introduction", 1)
    b.comment(heading.runs, "Did you know that...\nThe First Committee deals with disarmament and international "
                            "security.", author="Ana Chair")
    p1 = b.numbered("The present report responds to the request of the General Assembly for the views of Member "
                    "States on ", ("b", "nuclear disarmament verification"), ".", ("fn", "Resolution 80/241."))
    b.comment([p1.runs[1]], "Something to think about\nCan a State prove it has dismantled a warhead without "
                            "showing how the warhead is built?\n- information barriers\n- trusted equipment")
    p2 = b.numbered("Verification builds the ", ("i", "confidence"), " without which no State will give up its "
                    "arsenal.")
    b.comment([p2.runs[1]], "Confidence-building measures include data exchanges and site visits.")
    b.heading("Submissions received", 2)
    b.numbered("Eleven Member States and two regional organizations submitted their views by 30 April 2026.",
               ("fn", "The submissions are on the website of the Office for Disarmament Affairs."))
    b.heading("II. Verification in practice", 1)
    p4 = b.numbered("The ", ("link", "International Partnership for Nuclear Disarmament Verification",
                             "https://www.ipndv.org/"), " has brought together more than twenty-five States since "
                                                       "2014.")
    b.comment([p4.runs[-1]], "Interesting facts...\n1. It was launched in 2014.\n2. Its phases end with a public "
                             "report.")
    b.numbered("Several approaches to the verification of warhead dismantlement have been tested in exercises:")
    item_a = b.lettered("Inspections with managed access to sensitive sites;")
    b.lettered("Radiation measurements behind information barriers;", ("fn", "See the IPNDV phase II report."))
    b.comment(item_a.runs, "Did you know that managed access was first tried in the United Kingdom–Norway "
                           "Initiative?")
    b.numbered("The Secretary-General encourages all States to take part in this work.")
    return b.save(path)


# A second Word guide (transboundary water), unlike the first: typed numbers in section I, then Word's own list
# numbering restarted at 4 ("Set numbering value"), a list lettered by Word and one typed, italics and links inside
# commented words, a crowded paragraph with three comments, a very long comment, comments on the title, a heading,
# a whole paragraph, an item and a further paragraph, comments without kind words, and authors' names.
WATER_PARAGRAPHS = {
    1: "Some 153 countries share rivers, lakes and aquifers that cross their borders.",
    2: "Transboundary basins hold about 60 per cent of the world's freshwater flow and are home to more than "
       "40 per cent of its population.",
    3: "The present note summarizes the progress reported by Member States on Sustainable Development Goal "
       "indicator 6.5.2.",
    4: "Only 43 of the 153 countries have operational arrangements covering at least 90 per cent of their "
       "transboundary basin area.",
    5: "The Convention on the Protection and Use of Transboundary Watercourses and International Lakes, known as "
       "the Water Convention, has been open to all Member States since 2016.",
    6: "Joint bodies, such as river basin commissions, are the backbone of cooperation. They exchange data, "
       "prepare joint plans and settle differences before they become disputes.",
    7: "Groundwater is the least known part of shared water. Aquifers rarely follow the boundaries of the river "
       "basins above them.",
    8: "The Secretary-General encourages Member States to:",
    9: "Cooperation on water is cooperation for peace.",
}
WATER_FURTHER = "Reporting on the indicator has become a tool for dialogue in itself."


def water_guide(path):
    b = DocBuilder()
    for line in ("DUBLIN MODEL UNITED NATIONS 2027", "BACKGROUND GUIDE", "ECONOMIC AND SOCIAL COUNCIL", "",
                 "Dublin MUN Society", "College Green", "Dublin 2", "Email: water@dublinmun.example",
                 "Phone: +353 1 000 0000"):
        b.para(line)
    title = b.title("Progress on transboundary water cooperation")
    b.title("Note by the Secretary-General", style="Subtitle")
    b.comment(title.runs, "RECENT UPDATES\nThe 2024 UN Water Conference was the first on water since 1977.",
              author="Siobhan Murphy")
    b.heading("I. Introduction", 1)
    p1 = b.para("1. Some 153 countries share ", ("b", "rivers, lakes and aquifers"), " that cross their borders.",
                ("fn", "UN-Water, Progress on Transboundary Water Cooperation (2024)."))
    b.comment([p1.runs[1]], "Did you know that the Nile basin is shared by eleven countries?", author="Chair A")
    p2 = b.para("2. Transboundary basins hold about ", ("i", "60 per cent"), " of the world's freshwater flow and "
                "are home to more than 40 per cent of its population.")
    b.comment([p2.runs[0], p2.runs[1], p2.runs[2]], "Something to think about: who owns water that "
              "falls as rain in one country and is drunk in another?", author="Chair B")
    b.para("3. The present note summarizes the progress reported by Member States on ",
           ("link", "Sustainable Development Goal indicator 6.5.2", "https://sdg6data.org/en/indicator/6.5.2"), ".")
    further = b.para("Reporting on the indicator has become a tool for dialogue in itself.")
    b.comment(further.runs, "Interesting facts...\n- 129 countries reported in 2020.\n- 133 reported in 2023.")
    section = b.heading("II. Arrangements for cooperation", 1)
    b.comment(section.runs, "This section is the heart of the debate: read it twice.")
    four = b.numbered_from(4, "Only 43 of the 153 countries have ", ("b", "operational arrangements"),
                           " covering at least 90 per cent of their transboundary basin area.")
    b.comment([four.runs[1]], "Did you know...\nAn arrangement is operational when it has a joint body, meets at "
              "least once a year, exchanges data and has a plan.")
    five = b.numbered_from(4, "The Convention on the Protection and Use of Transboundary Watercourses and "
                           "International Lakes, known as the ", ("b", "Water Convention"), ", has been open to all "
                           "Member States since 2016.", ("fn", "Amendments to articles 25 and 26, in force since "
                                                               "6 February 2013."))
    b.comment([five.runs[1]], "Interesting facts...\nChad and Senegal were the first countries outside Europe to join, "
              "in 2018.\n" + LONG_COMMENT, author="Research team")
    b.heading("Joint bodies", 2)
    six = b.numbered_from(4, ("b", "Joint bodies"), ", such as river basin commissions, are the backbone of "
                          "cooperation. They exchange data, prepare ", ("i", "joint plans"), " and settle "
                          "differences before they become ", ("b", "disputes"), ".")
    six = six.runs  # before the comments: each adds a run (its reference mark) to the paragraph
    b.comment([six[0]], "Did you know that the Mekong River Commission was founded in 1995?")
    b.comment([six[2], six[3]], "Something to think about...\n1. Who should pay for a joint body?\n"
              "2. Should its data be public?")
    b.comment([six[4]], "Interesting facts: the International Court of Justice decided the Gabčíkovo-Nagymaros "
              "case between Hungary and Slovakia in 1997.")
    b.numbered_from(4, "Groundwater is the least known part of shared water. Aquifers rarely follow the boundaries "
                    "of the river basins above them.")
    b.heading("III. Recommendations", 1)
    b.numbered_from(4, "The Secretary-General encourages Member States to:")
    b.lettered("Accede to the Water Convention and the Watercourses Convention;")
    item_b = b.lettered("Establish joint bodies for every shared basin and aquifer;",
                        ("fn", "See the Practical Guide for the Development of Agreements (2021)."))
    b.para("(c) Report on indicator 6.5.2 in every cycle.")
    b.comment(item_b.runs, "Did you know that only a fifth of the world's shared aquifers are covered by an "
              "agreement?")
    b.numbered_from(4, "Cooperation on water is ", ("b", "cooperation for peace"), ".")
    return b.save(path)


LONG_COMMENT = ("The Water Convention was negotiated under the United Nations Economic Commission for Europe and "
                "adopted in Helsinki in 1992. For more than twenty years only countries of the region could join. "
                "Its parties amended it in 2003 to open it to every Member State, and the amendment entered into "
                "force in 2013; the first accessions from outside the region followed in 2018. The Convention "
                "obliges its parties to prevent, control and reduce transboundary impact, to use shared waters in "
                "a reasonable and equitable way, and to cooperate through agreements and joint bodies. Its "
                "Implementation Committee helps parties that face difficulties instead of punishing them, and any "
                "party may ask it for advice. Delegates from countries that are not parties should find out "
                "whether their government has considered accession, and why.")
