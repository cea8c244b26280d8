"""Our own German (and a little English) stopword list, so no nltk data download is needed.

Words are written in normal spelling; `text_normalize` folds them the same way as card text.
DOMAIN_STOPWORDS are words that occur on nearly every card of a refugee dialogue and so carry
no signal for telling cards apart.
"""

GERMAN_STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anders auch auf aus bei beim bin bis bisher bist bitte da dabei dadurch dafür dagegen daher
    damit dann dar daran darauf darf darfst darin darum das dass daß dazu dein deine deinem deinen
    deiner dem den denen denn der deren des deshalb dessen die dies diese diesem diesen dieser
    dieses doch dort du durch eben ein eine einem einen einer eines einfach einige einigen einiger
    einmal er es etwa etwas euch euer eure für gab gar gegen gewesen gibt gleich habe haben hat
    hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ins ist
    ja jede jedem jeden jeder jedes jedoch jetzt kann kannst kaum kein keine keinem keinen keiner
    keines können könnte man manche manchen mancher mehr mein meine meinem meinen meiner mich mir
    mit muss müssen musste nach nicht nichts noch nun nur ob oder ohne oft schon sehr sein seine
    seinem seinen seiner seit sich sie sind so soll sollen sollte sollten sondern sowie statt
    über um und uns unser unsere unserem unseren unserer unter viel viele vielen vom von vor war
    waren warum was weil weiter welche welchem welchen welcher welches wenn wer werden wie wieder
    will wir wird wo wollen wurde wurden zu zum zur zwar zwischen z b bzw usw ca etc ab beim
    """.split()
)

# Nearly every card of a refugee dialogue mentions these; they say nothing about what a card is about.
DOMAIN_STOPWORDS = frozenset(
    """
    flüchtling flüchtlinge flüchtlingen geflüchtete geflüchteten geflüchteter asylbewerber
    migranten menschen leute stadt gemeinde kommune ort brauchen braucht gibt geben fehlt fehlen
    besser bessere mehr weniger zu wenig viel viele sehr
    """.split()
)

ENGLISH_STOPWORDS = frozenset(
    """
    a an and are as at be been but by can cannot do does for from has have i in is it its me my
    no not of on or our please so that the their there they this to too was we were with you
    your refugees people
    """.split()
)

# Short lists of function words for the other languages cards come in; enough that "in", "not"
# or "since" do not make two unrelated cards look alike.
OTHER_STOPWORDS = {
    "ar": frozenset(
        "في من على الى إلى عن مع هذا هذه ذلك التي الذي لا ما لم لن منذ و او أو ثم كل قد ان أن لدي لدينا نحن انا أنا هو هي".split()
    ),
    "fa": frozenset("در از به با که این آن را و یا هم برای تا است هست نیست من ما او می ها".split()),
    "tr": frozenset("ve ile bir bu şu o da de için çok ama gibi daha ne yok var ben biz mi mı mu mü en".split()),
    "uk": frozenset("і й та в у на до з із за від не що це як але ми я він вона вони вже дуже для по".split()),
    "ru": frozenset("и в во на до с со за от не что это как но мы я он она они уже очень для по много".split()),
}
