"""The attribution rules for English (annotator/attribution/english.py) on sentences written the
way English news writes them (made up here; none is from the evaluation set), and on what is
no reported speech although a reporting word is in it."""

import pytest

from test_attribution import found  # (spans and links as text, as the Arabic tests read them)

from annotator.attribution.detector import detect


def said_by(text):
    """(quote, speaker or None, cue) of every quote found."""
    spans, relations = detect(text)
    by_id = {s.id: s for s in spans}
    out = set()
    for quote in (s for s in spans if s.layer == "quote"):
        speaker = next((by_id[r.to_id] for r in relations if r.label == "said_by" and r.from_id == quote.id), None)
        cue = next((by_id[r.to_id] for r in relations if r.label == "cued_by" and r.from_id == quote.id), None)
        out.add((text[quote.start:quote.end], speaker and text[speaker.start:speaker.end],
                 cue and text[cue.start:cue.end]))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # a quotation, then the speaker and the verb, either order
    ('"We will not back down," the minister said.', ("We will not back down,", "the minister", "said")),
    ('"We have no plans to raise taxes," Treasury Secretary Janet Mills told a news conference on Tuesday.',
     ("We have no plans to raise taxes,", "Treasury Secretary Janet Mills", "told")),
    ('"The situation is dire," said Ahmed Hassan, a spokesman for the Red Crescent.',
     ("The situation is dire,", "Ahmed Hassan, a spokesman for the Red Crescent", "said")),
    ('"This is better news than we had feared," said Paul Dales, chief UK economist at Capital Economics.',
     ("This is better news than we had feared,", "Paul Dales, chief UK economist at Capital Economics", "said")),
    ('"We don\'t know yet," admitted coach Luis Enrique.', ("We don't know yet,", "coach Luis Enrique", "admitted")),
    ('"Our priority is to protect civilians," the statement read.',
     ("Our priority is to protect civilians,", "the statement", "read")),
    ('"Complete neglect of his health," his wife, Alice, reported.',
     ("Complete neglect of his health,", "his wife, Alice", "reported")),
    # the verb, then the quotation
    ('Asked whether he would resign, the minister said: "Absolutely not."',
     ("Absolutely not.", "the minister", "said")),
    ('Ms Hopley added: "The spike in risk should not go unnoticed."',
     ("The spike in risk should not go unnoticed.", "Ms Hopley", "added")),
    # British papers' single quotes
    ("‘This is a victory for democracy,’ Mr Jones said.", ("This is a victory for democracy,", "Mr Jones", "said")),
    # indirect speech after the verb: with or without "that", past whom and when it was said
    ("Police said three people were arrested.", ("three people were arrested", "Police", "said")),
    ("The United Nations said on Friday that at least 200 people had died in the floods.",
     ("at least 200 people had died in the floods", "The United Nations", "said")),
    ("In a statement, the ministry said it had opened an investigation.",
     ("it had opened an investigation", "the ministry", "said")),
    ("Smith told reporters that the talks had failed.", ("the talks had failed", "Smith", "told")),
    ("She told The New York Times that she had been threatened.", ("she had been threatened", "She", "told")),
    ("Experts say the drought could last for years.", ("the drought could last for years", "Experts", "say")),
    ("He has repeatedly said that he will not step down.", ("he will not step down", "He", "said")),
    ("Pedro Sanchez said in the programme Salvados that Spain is a nation of nations.",
     ("Spain is a nation of nations", "Pedro Sanchez", "said")),
    # a subject with its apposition across commas, not an adverbial before a comma
    ("The president, who spoke to reporters aboard Air Force One, said the deal was close.",
     ("the deal was close", "The president, who spoke to reporters aboard Air Force One", "said")),
    ("The company's chief executive, John Park, said sales had fallen 12% in the quarter.",
     ("sales had fallen 12% in the quarter", "The company's chief executive, John Park", "said")),
    ("Mr. Smith, 54, said he would not seek re-election.", ("he would not seek re-election", "Mr. Smith, 54", "said")),
    ("Some analysts, however, said the data overstated consumer spending.",
     ("the data overstated consumer spending", "Some analysts", "said")),
    ("Despite the new photos, police in B.C. say they have more questions than answers.",
     ("they have more questions than answers", "police in B.C.", "say")),
    ("In 1538 the Inquisition cautioned that the book was dangerous.",
     ("the book was dangerous", "the Inquisition", "cautioned")),
    ("The move was welcomed by the opposition, which said it was long overdue.",
     ("it was long overdue", "the opposition", "said")),
    ("Opposition leader Kemi Badenoch dismissed the figures and said the government had no plan.",
     ("the government had no plan", "Opposition leader Kemi Badenoch", "said")),
    # the content first, the attribution after a comma
    ("Prices will keep rising through the summer, analysts warned.",
     ("Prices will keep rising through the summer", "analysts", "warned")),
    ("The strike will go ahead, union leader Maria Costa told Reuters on Wednesday.",
     ("The strike will go ahead", "union leader Maria Costa", "told")),
    ("Throughout history, the hair market has had a political dimension, says Tarlo.",
     ("Throughout history, the hair market has had a political dimension", "Tarlo", "says")),
    # sources
    ("According to a report by Human Rights Watch, the detainees were tortured.",
     ("the detainees were tortured", "a report by Human Rights Watch", "According to")),
    ("Analysts expect prices to rise, according to a Reuters poll.",
     ("Analysts expect prices to rise", "a Reuters poll", "according to")),
    ("According to a genetic study on Roma the source of their ancestry is North-West India.",
     ("the source of their ancestry is North-West India", "a genetic study on Roma", "According to")),
    # passives name nobody
    ("She was told her unborn child had a rare condition.", ("her unborn child had a rare condition", None, "told")),
    ("As stated, the decision is for the central bank to take.", ("the decision is for the central bank to take",
                                                                   None, "stated")),
    # a participle speaks for the sentence's subject
    ("Warning that the health service was under pressure, he urged the public to help.",
     ("the health service was under pressure", "he", "Warning")),
])
def test_how_english_news_reports_speech(text, expected):
    assert expected in said_by(text)


def test_a_quotation_interrupted_by_its_attribution_is_two_parts():
    spans, links = found('"It\'s a disgrace," he told the BBC, "and someone must resign."')
    assert ("continues", "and someone must resign.", "It's a disgrace,") in links
    assert ("said_by", "and someone must resign.", "he") in links
    spans, links = found("The talks, he said, had been productive.")
    assert ("continues", "had been productive", "The talks") in links
    assert ("said_by", "had been productive", "he") in links


def test_a_quotation_in_the_next_sentence_continues_and_adding_speaks_for_the_same_speaker():
    text = ('"I\'m not going anywhere," she said, adding that she would fight the charges. '
            '"They will not silence me."')
    _spans, links = found(text)
    assert ("said_by", "she would fight the charges", "she") in links
    assert ("cued_by", "she would fight the charges", "adding") in links
    assert ("said_by", "They will not silence me.", "she") in links


def test_quoted_words_inside_indirect_speech_make_it_mixed():
    spans, _ = found('He said he was "deeply saddened" by the news.')
    assert ("quote", 'he was "deeply saddened" by the news', "mixed") in spans
    spans, _ = found('The current arrests are "a farce," said Dundar.')
    assert ("quote", 'The current arrests are "a farce,"', "mixed") in spans


def test_two_attributions_in_one_sentence_each_keep_their_own():
    text = "The army said that two soldiers were killed, while rebels claimed they had shot down a helicopter."
    assert said_by(text) == {("two soldiers were killed", "The army", "said"),
                             ("they had shot down a helicopter", "rebels", "claimed")}


def test_what_the_speaker_did_besides_speaking_is_not_what_was_said():
    assert said_by("Officials said the fire was started deliberately, but declined to give details.") == {
        ("the fire was started deliberately", "Officials", "said")}
    assert said_by('The minister said the cuts were "unavoidable," signalling that more would follow.') == {
        ('the cuts were "unavoidable,"', "The minister", "said")}


def test_when_it_was_said_may_follow_an_attribution_after_its_content():
    text = "The plant will close next year, the company told staff on Monday evening after a board meeting."
    assert said_by(text) == {("The plant will close next year", "the company", "told")}


@pytest.mark.parametrize("text", [
    "That is to say, the market has recovered.",
    "Needless to say, the plan failed completely.",
    "The patient was told to wait in the corridor.",
    "The film tells the story of a family in Gaza.",
    "It is hard to say whether the economy will recover.",
    "The company reported a profit of $2 billion in the third quarter.",  # a figure, not a statement
    "The State Department issued a travel warning.",  # (State, warning: a name and a noun)
    "She wrote a book about her time in prison.",
    "The minister added a new clause to the bill.",
    "The team announced a new coach on Monday.",
    "The comments section was closed after the article was published.",
    "The claims of fraud have not been proven.",
    "Residents said goodbye to their homes as the water rose.",
    "He said nothing about the accusations.",
    "Nobody can tell what will happen next.",
    "The ministry has not said when the talks would resume.",
    "The United States and China signed the agreement.",
    'The word "freedom" appears 14 times in the speech.',
    "He read the statement aloud to the crowd.",
    "The novel was written in 1920 and published after his death.",
    "A major report in January collected disparaging comments about the plan.",
    "He is said to be the richest man in the country.",
    "The songs that score them add a connective, traceable nervous system to the loops.",
])
def test_a_reporting_word_without_reported_speech_suggests_nothing(text):
    assert not [s for s in detect(text)[0] if s.layer == "quote"], text


def test_a_full_stop_closing_a_quotation_ends_its_sentence_when_a_new_one_starts():
    text = 'The report called the plan "a good start." Officials said talks would resume in May.'
    assert said_by(text) == {("talks would resume in May", "Officials", "said")}
    text = '"We need help now." The mayor said the city had run out of beds.'
    assert ("the city had run out of beds", "The mayor", "said") in said_by(text)
    assert ("We need help now.", "The mayor", "said") not in said_by(text)


def test_a_stray_comma_after_a_company_name_leaves_it_the_speaker():
    text = "Acme Corp (ACME.N), said in a statement that it will cut 500 jobs."
    assert said_by(text) == {("it will cut 500 jobs", "Acme Corp (ACME.N)", "said")}
    assert said_by("The economy grows steadily, said the minister.") == {
        ("The economy grows steadily", "the minister", "said")}


def test_abbreviations_and_initials_do_not_end_the_sentence():
    text = "Mr. Smith of the U.S. Treasury told Dr. Jones on Jan. 5 that the deal was off."
    assert ("the deal was off", "Mr. Smith of the U.S. Treasury", "told") in said_by(text)


def test_arabic_sentences_keep_their_own_rules_beside_english_ones():
    text = ('قال الوزير إن الاتفاق قريب.\n"We are close to a deal," the minister said.\n'
            'وأضاف: «لن نتراجع».')
    result = said_by(text)
    assert ("الاتفاق قريب", "الوزير", "قال") in result
    assert ("We are close to a deal,", "the minister", "said") in result
    assert ("لن نتراجع", "الوزير", "وأضاف") in result


def test_a_sentence_that_never_ends_still_gets_its_attributions():
    """Each cue looks at a bounded stretch of its sentence (a sentence without full stops made
    the rules' time grow with the square of its length); what is near a cue is still found."""
    text = "prices, wages, rents, " * 800 + '"We will not back down," the minister said, and ' * 40
    spans, relations = detect(text)
    by_id = {s.id: s for s in spans}
    quotes = [s for s in spans if s.layer == "quote"]
    assert len(quotes) == 40 and all(text[q.start:q.end] == "We will not back down," for q in quotes)
    speakers = [text[by_id[r.to_id].start:by_id[r.to_id].end] for r in relations if r.label == "said_by"]
    assert speakers == ["the minister"] * 40
