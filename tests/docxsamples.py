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
