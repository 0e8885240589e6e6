"""Which lines of a saved page are page furniture: transparent rules, one reason each.

Each rule is ``(pattern, category, reason)``; a line that matches is dropped by the
cleaning step (it is written to ``documents.json`` ``printed.furniture``, so the reviewer
sees and can undo every choice). Printed dates, headlines, bylines and datelines are
kept: they are provenance. Photo captions are moved to the structure file.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
#: Headings that open a promo block: the lines under them are links and teasers, not the article.
PROMO_HEAD = re.compile(
    r"^(related( (articles?|stories|news|content|coverage|posts|links|topics|reading))?|more (news|stories|videos)|"
    r"more (from|on|in) [\w .'&-]{1,30}|more on this( story| topic)?|most (read|viewed|popular|shared|commented|emailed)"
    r"( (news|stories|articles|this week|today))?|(latest|top) (news|stories|headlines|videos)|"
    r"(you|we think you) (may|might) (also )?(like|enjoy)|recommended( (for you|stories|articles|reading))?|"
    r"trending( (now|stories|news))?|editor'?s'? picks?|(also|must) read|read (next|also)|what to read next|"
    r"popular (now|stories|news|articles)|don'?t miss|see also|in (other|case you missed it) news|"
    r"join (our|the) (mailing list|newsletter)|newsletters?|(daily|weekly|morning|evening) (newsletter|briefing))\W*$", _I)
#: Words of a promo teaser (a podcast, video or newsletter offer), which the article does not print.
PROMO_WORDS = re.compile(r"\b(podcasts?|episodes?|video|watch|listen|newsletters?|subscribe|sponsored|webinar|sign up)\b", _I)
_SHARE_WORDS = (r"share|share (on|via|to)|facebook|twitter|x|linkedin|whatsapp|e-?mail|print|reddit|telegram|line|"
                r"kakao(talk|story)?|naver|band|copy( the)? link|link|pinterest|tumblr|weibo|wechat|messenger|sms|flipboard|"
                r"comments?|\d+|tweet|pin|save|bookmark|font size|a\+?|a-")
#: A share bar: nothing but share, social and print words.
SHARE_BAR = re.compile(rf"^(?=.*\b(share|facebook|twitter|linkedin|whatsapp|e-?mail|print|reddit|telegram|kakao\w*|"
                       rf"pinterest|weibo|wechat|tweet|flipboard|naver)\b)(?:(?:{_SHARE_WORDS})(?:[\s|\u00b7\u2022/,:]+|$)){{2,}}$", _I)
#: A video player's link: "Watch video 01:46"; the line under it is the video's title.
VIDEO_LINK = re.compile(r"^(?:watch|play)(?: the)? video(?:\s*[:|\u2013-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?$", _I)
#: An account bar: nothing but newsletter, sign-up, register and log-in links.
MENU_BAR = re.compile(r"^(?:(?:newsletters?|sign ?up|sign ?in|log ?in|log ?out|register|subscribe|my account|account)"
                      r"(?:\s*[/|\u00b7\u2022]\s*|\s+|$)){2,}$", _I)
#: Section names that sites print as breadcrumbs or glue to the headline.
SECTIONS = sorted([
    "World", "World News", "Asia", "Asia-Pacific", "Asia Pacific", "East Asia", "Asia & Pacific", "North Korea",
    "South Korea", "Korea", "Japan", "China", "Politics", "Diplomacy", "Defense", "Defence", "Military", "Security",
    "National", "Nation", "International", "Foreign Affairs", "Business", "Economy", "Opinion", "News", "Top News",
    "Latest News", "Breaking News", "Headlines", "All Headlines", "Americas", "US", "U.S.", "Europe", "Middle East",
    "Society", "Features", "Analysis", "Nation & World", "Top Stories", "Global", "Global News", "Region", "Regional"], key=len, reverse=True)
_SECTION = "|".join(re.escape(x) for x in SECTIONS)
#: A line that is only a breadcrumb trail: "Home > News > World > Asia-Pacific".
BREADCRUMB = re.compile(r"^(home|main|news)\s*[>\u00bb\u203a/|]\s*([^>\u00bb\u203a|]{1,30}\s*[>\u00bb\u203a/|]\s*)*"
                        r"[^>\u00bb\u203a|]{1,30}$", _I)
PHOTO_CREDIT = "photo credit alone on its line"
SITE_NAME_SUFFIX = "the site's name after the title, as a browser tab shows it ('... | Example News')"
TWEET_CREDIT_LINE = "an embedded tweet's author, handle and date"
_MENU_WORDS = r"Log ?[Ii]n|Login|Sign ?[Ii]n|Sign ?[Uu]p|Register|Subscribe|Account|Demo|Request|Support|Contact|Help|Products|Terminal|Newsletters?|Search|Menu"
#: The credit line of an embedded tweet: "\u2014 Jane Roe (@janeroe) June 3, 2023".
TWEET_CREDIT = re.compile(r"^[\u2014\u2013-]{1,2}\s*[^()]{1,80}\(@\w{1,30}\)\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                          r"[a-z]*\.? \d{1,2}, (?:19|20)\d\d$")
#: Whole-line rules: (pattern, category, reason).
LINE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(select languages?|all headlines|skip to (main )?content|menu|search|home|close|comments?|"
                r"back to top|print|e-?mail|share( this( article| story)?)?|tweet|subscribe( now| today)?|log ?in|sign in|sign up|"
                r"keywords|(link )?copied( to clipboard)?|accessibility links?|press releases?|social sharing|home webmail|all news)$", _I),
     "navigation", "site menu or section heading"),
    (PROMO_HEAD, "navigation", "heading of a promo block (related or popular links, newsletter)"),
    (BREADCRUMB, "breadcrumb", "breadcrumb trail"),
    (re.compile(rf"^({_SECTION})$", _I), "navigation", "section name alone on its line"),
    (re.compile(r"^(\d{1,2} min(ute)?s? read|reading time:? \d{1,2} min(ute)?s?|\d{1,2} min(ute)?s? reading)$", _I),
     "site-furniture", "reading-time estimate"),
    (SHARE_BAR, "share-widget", "share bar: share, social and print links only"),
    (re.compile(r"\bRSS\b|^(sns|facebook|twitter|mobile)(\s+\w+){0,4}$", _I), "navigation", "RSS, social or app links"),
    (re.compile(r"^(Short link:|Korea Herald Youtube|Share on \w+.*|Follow us on .+)$", _I), "share-widget", "share or follow widget"),
    (re.compile(r"^Views: \d+$"), "view-counter", "page view counter"),
    (re.compile(r"^\s*(\u00a9|\(c\)|copyright\b)", _I), "copyright-footer", "copyright footer"),
    (re.compile(r"^(?=(\S+\s+){0,30}\S+$).*\b(all rights reserved|unauthori[sz]ed reproduction|may not be (re)?published, "
                r"broadcast|reproduction (is )?(strictly )?prohibited)", _I), "copyright-footer", "copyright or reuse notice"),
    (re.compile(r"^(?=(\S+\s+){0,6}\S+$)[\[(]?((?i:photos?( by| credit| courtesy( of)?)?:? .+|(file )?photo|image( credit)?: .+|"
                r"(getty images|shutterstock|istock)( via [\w ]+)?)|"
                r"[A-Z][\w.'-]*( [A-Z][\w.'-]*)? (?i:photo|photos|file photo)|"  # "Yonhap photo", "AP file photo"
                r"[A-Z][\w.'-]*( [A-Z][\w.'-]*){1,2} / (The )?([A-Z][\w.'-]* ){0,3}"  # "Jane Roe / The Daily News"
                r"(Shimbun|News|Times|Press|Herald|Post|Images|Photos?|Agency|Ilbo|Daily|Journal|Pool|Reuters|AFP|AP|Yonhap|Kyodo|Jiji)|"
                r"[A-Z][\w.'-]*( [A-Z][\w.'-]*)?/(?i:getty images)|[A-Z][\w.'-]*( [A-Z][\w.'-]*)?/[A-Z][\w.'-]*( [A-Z][\w.'-]*){0,2})"
                r"[\])]?$"),  # "AFP/Getty Images", "REUTERS/Kim Hong-Ji"
     "site-furniture", PHOTO_CREDIT),
    (re.compile(r"^\(?(Last Update[sd]?|Last modified|Updated|Modified)\b:?\s*\(?\s*(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                r"Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d(?:,? \d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?)?(?: [A-Z]{2,4})?\W*$)", _I),
     "scrape-header", "'last updated' time of the web page"),
    (re.compile(r"^(https?://|www\.)\S+$", _I), "navigation", "the page's own address printed as text"),
    (re.compile(r"^[\W_]*$|^\d{1,2}:\d{2}(:\d{2})?$"), "site-furniture", "symbols only, or a bare clock time (a video length)"),
    (re.compile(r"^\[(?![^\]]*\b(?:19|20)\d\d\b)[^\]]{0,40}\]$"), "site-furniture",
     "a bracketed label alone on its line (script or widget label; not a printed date '[November 22, 2019]')"),
    (MENU_BAR, "navigation", "account and newsletter links only ('Newsletter Signup Register / Login')"),
    (re.compile(r"^(?:send|e-?mail|forward) (?:a link|this (?:article|story|page|link)|the (?:article|story|link))"
                r"(?: to a (?:friend|colleague))?$", _I), "share-widget", "'send a link to a friend' link"),
    (re.compile(r"^(?:more|see more|view more|show more|read more|all)\s*[>\u00bb\u203a]+$", _I), "navigation",
     "a 'More >' link"),
    (re.compile(r"^(?:[A-Z][\w ]{0,20} ?: ?)+$"), "site-furniture",
     "template labels with no value ('ID :', 'Author:', 'Published: Updated:')"),
    (re.compile(r"^(?:\d+\.\s*)?skip to (?:the )?(?:main |more )?[\w ]{0,20}$|^go to (?:the )?(?:main )?(?:contents?|menu|top|navigation|footer)$", _I),
     "navigation", "a 'skip to content' link for screen readers"),
    (re.compile(r"^(?:skip to (?:the )?(?:main )?(?:content|navigation|footer|search|menu|main)\s*){2,}(?=.{0,70}$)", _I),
     "site-furniture", "'skip to' links for screen readers run into one line, perhaps with a help link after them"),
    (re.compile(r"^(?=(\S+\s+){0,20}\S+$).*\bby skipping the (?:main )?(?:menu|navigation)\b", _I),
     "site-furniture", "a screen-reader note on skipping the menu"),
    (re.compile(r"^(?:\d+\.\s*)?tap (?:in your|to add to|to install|the share)\b.*|^install the [\w .'&-]{1,40} app$|"
                r"^(?:get the news faster|in two easy steps)\W*$|^add to home screen\W*$", _I),
     "site-furniture", "an app-install or add-to-home-screen prompt"),
    (re.compile(r"^this (?:article|story|page) is more than \d+ (?:years?|months?) old$", _I), "site-furniture",
     "an archive banner ('This article is more than 8 years old')"),
    (re.compile(r"^(?=(\S+\s+){0,20}\S+$)(?:you\u2019?'?ve reached your (?:limit|maximum)\b.*|you have reached your (?:limit|maximum)\b.*|"
                r"subscribe (?:now|today) for (?:unlimited|full|digital) access\W*|.*\{\{[\w.]+\}\}.*)$", _I),
     "site-furniture", "a paywall notice (or a template placeholder such as '{{free_limit}}')"),
    (re.compile(r"^(?:updated |posted |published )?(?:\d{1,2}|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?) ago$", _I),
     "scrape-header", "a relative time stamp ('12 minutes ago'): the time the page was viewed, not a date"),
    (re.compile(rf"^(?=(\S+\s+){{1,11}}\S+$)(?=.*\b(?:Log ?[Ii]n|Login|Sign ?[Ii]n)\b)(?=(?:.*\b(?:{_MENU_WORDS})\b){{2}})"
                rf"(?!.*\b[a-z]{{4,}}\b)[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)+$"),
     "site-furniture", "an account or product menu in capitalised words ('... Remote Login ... Demo Request')"),
    (re.compile(r"^(?:(?:enable|disable|turn (?:on|off)) (?:read(?:ing|er)?|dark|night) mode|\d{2,3}% font size|"
                r"(?:font|text) size:?(?: [aA][+-]?)*|[aA][+-]? [aA][+-]?(?: [aA][+-]?)?)$", _I),
     "site-furniture", "reader controls (read mode, font size)"),
    (re.compile(r"^(?:other|more|latest|top|related) (?:stories|articles|news|headlines)(?: from [\w .'&-]{1,30})?\W*$", _I),
     "navigation", "heading of a list of other stories"),
    (re.compile(r"^(?=(\S+\s+){0,30}\S+$)(?:for (?:all )?the latest\b.*\bfollow (?:us|our)\b|"
                r"follow (?:us|our [\w ]{1,30}) (?:on|via) .*\b(?:google news|twitter|facebook|telegram|whatsapp|instagram|"
                r"youtube|app)\b)", _I),
     "share-widget", "a pitch to follow the site's channel or app"),
    (re.compile(r"^(?=(\S+\s+){8,80}\S+$).*[.!?]\s+\((?:[A-Z][\w.'-]*\s){0,3}(?:Times|Today|News|Post|Herald|Journal|Daily|"
                r"Shimbun|Ilbo|Tribune|Mail|Telegraph|Guardian|Independent)\)$"), "site-furniture",
     "a teaser for another site's story, ending in that site's name ('... (Japan Today)')"),
    (re.compile(r"^[\uac00-\ud7a3]{1,8}(?: [\uac00-\ud7a3]{1,8}){0,2} (?:\ubc14\ub85c\uac00\uae30|\uc5f4\uae30|\ub2eb\uae30)$|"
                r"^\ubc14\ub85c\uac00\uae30 \uba54\ub274$"), "navigation",
     "a Korean site's skip link or menu control ('\ubcf8\ubb38 \ubc14\ub85c\uac00\uae30': skip to the text; '\uac80\uc0c9\ucc3d \uc5f4\uae30': open search)"),
    (re.compile(r"^(?:KOR|ENG|JPN|CHN|JP|KR|EN)(?:\s*[|/]\s*(?:KOR|ENG|JPN|CHN|JP|KR|EN))*$|"
                r"^(?:\ud55c\uad6d\uc5b4|\u65e5\u672c\u8a9e|\u4e2d\u6587|\u7b80\u4f53\u4e2d\u6587|\u7e41\u9ad4\u4e2d\u6587)"
                r"(?:\s*[|/\u00b7]?\s*(?:\ud55c\uad6d\uc5b4|\u65e5\u672c\u8a9e|\u4e2d\u6587|\u7b80\u4f53\u4e2d\u6587|"
                r"\u7e41\u9ad4\u4e2d\u6587|English))*$"), "navigation",
     "a language switch ('KOR', 'ENG | JPN', '\ud55c\uad6d\uc5b4': the page in Korean)"),
    (re.compile(r"^member for$|^(?:\d+ (?:years?|months?|weeks?|days?|hours?|minutes?)\s*){1,3}$", _I), "site-furniture",
     "an account's age ('Member for' / '4 years 6 months')"),
    (re.compile(r"^chat with us (?:in|on) (?:facebook )?messenger\b.*", _I), "share-widget",
     "a pitch to follow the site on a messenger app"),
    (re.compile(r"^(?:the story appears on|page [A-Z]?\d{1,3}|get this page in pdf|free for subscribers|"
                r"view (?:shopping )?cart|e-?paper)$", _I), "site-furniture",
     "a print edition's page reference or e-paper shop ('The story appears on' / 'Page A3', 'GET this page in PDF')"),
    (re.compile(r"^(?=(\S+\s+){0,15}\S+$)(?:please read our comment policy\b.*|would you like to comment on this "
                r"(?:article|story)\?|sign up \(it'?\u2019?s quick and free\) or sign in\b.*|subscribe (?:now )?to (?:unlock|read|"
                r"continue reading) this (?:article|story)\W*|cancel any ?time\W*)$", _I), "site-furniture",
     "a comment box's prompts or a paywall's offer ('Would you like to comment on this article?', 'Cancel anytime.')"),
    (re.compile(r"^\d+$"), "site-furniture", "a bare number (page id or counter)"),
    (re.compile(r"^(?=(?:.*?https?://\S+){2})(?:home|main|news)\b.*$", _I), "breadcrumb",
     "a breadcrumb trail with the links' addresses printed ('Home https://... World https://... Title')"),
    (re.compile(r"^[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){0,7}$"), "site-furniture",
     "a short line in Arabic script on an English page (a theme credit or language link)"),
    (TWEET_CREDIT, "site-furniture", TWEET_CREDIT_LINE),
    (re.compile(r"^(?=(\S+\s+){0,60}\S+$).*\bpic\.twitter\.com/\w+\s*$"), "site-furniture",
     "an embedded tweet's text, ending in its picture link"),
    (re.compile(r"^(?:(?:story|news|article|post|item|content|page)\s*)?(?:code|id|no\.?|number)\s*:\s*\d+$", _I),
     "site-furniture", "a page id with its label ('Story Code : 12345', 'News ID: 678')"),
    (re.compile(r"^(advertisement|advertising|sponsored( content)?|ad)$", _I), "site-furniture", "advertisement slot"),
    (re.compile(r"^(read more:?|continue reading|read the (full|rest of the) story\b.*|full story\b.*|"
                r"comments are closed\.?|leave a (comment|reply)|\d+ comments?|filed under:.*|tags?:.*|"
                r"posted (in|by) .*|editor: .*|reporting by .*|editing by .*)$", _I),
     "site-furniture", "'read more' link, blog or comment furniture, or an editor credit"),
    (re.compile(r"^\([A-Z]{1,4}(-[A-Z]{1,4})+\)\W*$"), "site-furniture", "desk code of the wire editor"),
    (re.compile(r"^(?:ZCZC|NNNN|[A-Z]{3}-\d{1,4}|[A-Z]{2,}(?:-[A-Z]{2,}){2,})$"), "site-furniture",
     "wire transmission codes: the teleprinter's 'ZCZC' or 'NNNN', an item code ('BFF-28'), a slug in capitals "
     "('SKOREA-JAPAN-DIPLOMACY')"),
    (re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4} by \w+$"), "site-furniture", "blog post header (date and poster)"),
    (re.compile(r"^(?:Submitted|Posted) by [\w.@-]{2,30} on (?=.*\b(?:19|20)\d\d\b).{6,40}$"), "site-furniture",
     "a blog's post stamp ('Submitted by NAME on DATE')"),
    (re.compile(r"^\(?(END|MORE|(?i:enditem))\)?$|^[-\u2013\u2014=*]{1,3}\s*(?i:end)\s*[-\u2013\u2014=*]{1,3}$"),
     "site-furniture", "wire end marker ('(END)', '-- End --')"),
    (VIDEO_LINK, "navigation", "video player link with its length ('Watch video 01:46')"),

    (re.compile(r"^[\u2022\u00b7*\s-]*(?=(\S+\s+){0,25}\S*$)(\d+ comments?(\(s\))?(\s*(print|e-?mail|share|bookmark))*|no comments?( yet)?\.?|"
                r"(add|post|leave|write) (your|a) (comments?|reply)\b.*|your (comment|name)\*?:?|user ?name( required)?:?|"
                r"enter the (words|code|characters) (you see|above|shown)\b.*|go to forum\W*(\d+ comments?(\(s\))?)?|"
                r".*\bcomments? (may|will) be (removed|moderated|deleted|reviewed)\b.*|comments? \(\d+\))$", _I),
     "site-furniture", "comment form, comment count or moderation notice"),
    (re.compile(r"^(?=(\S+\s+){0,20}\S+$)(follow ([\w.-]+|us) on (twitter|facebook|x|instagram|linkedin|youtube|weibo|wechat)\b.*|"
                r"[\w.-]+( news)? app download|download (our|the) ([\w.-]+ )?app\b.*|.*\bbookmark and share)$", _I),
     "share-widget", "follow, app or bookmark links"),
    (re.compile(r"^(join (our|the)( [\w.-]+){0,2} (mailing list|newsletter)|sign up for .+|subscribe to .+|get (the|our) .+ newsletter|"
                r"enter your e-?mail( address)?|your e-?mail( address)?|thanks? (you )?for (signing up|subscribing)|"
                r"by (signing up|subscribing|clicking|registering)\b.{0,120}\b(agree|consent|accept)\b.*)\W*$", _I),
     "site-furniture", "newsletter or mailing-list prompt"),
    (re.compile(r"^((this|our) (special )?(page|series|section|feature|package) (portrays|reviews|details|looks at|"
                r"explains|examines|covers|brings|features|follows|collects)\b|here (are|is) (our |the )?(latest )?"
                r"(reports?|stories|articles|coverage|updates)\b)", _I),
     "site-furniture", "blurb promoting another page of the site"),
    (re.compile(r"^(?=.{0,60}$).*\b(buy|shop|order|find|get|click|download|win|try)\b.*!$", _I),
     "site-furniture", "short advertising call ending in '!'"),
    (re.compile(r"^(?=(\S+\s+){0,24}\S+$)(read more|read also|also read|see also|related( article| story)?|recommended)\s*:\s*\S", _I),
     "site-furniture", "'Read more:' (or 'See also:') with the title of another page"),
    (re.compile(r"^\((ATTN|EDS?|EDITORS?'? NOTE|ADDS|UPDATES|RECASTS|CORRECTS|REFILES|REPEATS)\b[^()]{0,200}\)$"),
     "site-furniture", "wire editor's note to clients ('(ATTN: UPDATES with ...)')"),
    (re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"), "site-furniture", "an e-mail address alone on its line (the reporter's or desk's)"),
    (re.compile(r"^(?=(\S+\s+){0,40}\S+$)(?=.*\bjournalism\b)(?=.*\b(subscri\w*|support|donat\w*|than ever)\b)|"
                r"^(?=(\S+\s+){0,40}\S+$)(?=.*\bsubscri(be|bing|ption)\b)(?=.*\b(help us|support us|journalism|get the story)\b)", _I),
     "site-furniture", "subscription or donation pitch (journalism, subscribing, supporting the site)"),
]
#: Bullets and list marks a site prints before a menu or share word ("\u2022 SHARE", "\u2022 Link copied").
_BULLET = re.compile(r"^[\u2022\u00b7*\u25aa\u25cf-]+\s*")
#: Line-prefix rules: a scraper's stamp glued to the first line.
PREFIX_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})? "), "scrape-header", "scraper's date stamp before the headline (day or month)"),
    (re.compile(r"^\d+(st|nd|rd|th) LD[- ]Writethru:? ", _I), "version-tag", "wire version tag before the headline"),
    (re.compile(r"^[A-Z]{3}-\d{1,4} (?=[A-Z][a-z])"), "site-furniture", "a wire item code before the headline ('BFF-28 ')"),
    (re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d(?:[A-Z]{2,}(?: [A-Z]{2,})*)?"
                r"(?=[A-Z][a-z])"), "scrape-header", "a blog's post date and category glued before the first sentence"),
    (re.compile(r"^\{[a-z_]{2,20}\}\s*"), "site-furniture", "a template placeholder glued before a paragraph ('{mosads}')"),
    (re.compile(r"^\.\.\. [^\n]{20,}?\.\.\.(?=[A-Z])"), "site-furniture", "teaser excerpt between ellipses glued before the article"),
    (re.compile(r"^\s*[\u2022\u00b7\u25aa\u25cf]\s*(?=By [A-Z])"), "site-furniture", "list bullet before the byline"),
    (re.compile(r"^(?:By\s*\|\s*)?\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?\s+(?=\S)"), "scrape-header",
     "a machine timestamp from the page's markup (and an empty 'By |'), before the printed date"),
    (re.compile(r"^\d+ comments?(\(s\)(\s*(print|e-?mail|share)\b)*|(\s*(print|e-?mail|share)\b)+)\s*(?=\S)", _I), "site-furniture",
     "comment count and print/e-mail links glued before the article's first line"),
]
#: Line-suffix rules: a blog's category and comment count, or a "last updated" time glued to the end of a line.
SUFFIX_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"(?:\s*\|\s*[^|]{1,25}?)*\s*\|\s*\d+ (?:comments?|responses?|replies)\s*$", _I), "site-furniture",
     "blog category and comment count after the printed date ('|World|0 Comments')"),
    (re.compile(r"\s+(?:last )?(?:updated|modified|posted)(?: on)?\s*:?\s*\d{4}-\d\d-\d\d(?: \d\d:\d\d(?::\d\d)?)?(?: [A-Z]{2,4})?\s*$",
                _I), "scrape-header", "'updated' or 'modified' time glued to the end of a line"),
    (re.compile(r"(?:\s+[A-Z][a-z]+){0,3}\s+\uc785\ub825 \d{4}\.\d\d\.\d\d \(\d\d:\d\d\)(?: \uc218\uc815 \d{4}\.\d\d\.\d\d \(\d\d:\d\d\))?\s*$"),
     "scrape-header", "a Korean site's posted (\uc785\ub825) and modified (\uc218\uc815) times, with its programme name, after the headline"),
    (re.compile(r"\s+\|\s+(?=[^|]{3,90}$)(?=.*\b(?:NEWS|News|AGENCY|Agency|TIMES|Times|POST|Post|HERALD|Herald|DAILY|Daily|"
                r"JOURNAL|Journal|ONLINE|Online|TV|PRESS|Press)\b)(?:[^|.!?]|\.(?=\S))+$"), "site-furniture",
     SITE_NAME_SUFFIX),
    (re.compile(r"\s*\|\s*(?:read|view|see) (?:the )?original (?:version|article|story|post)(?: (?:at|on) (?:the )?source)?\s*$", _I),
     "site-furniture", "an aggregator's link to the original ('| Read original version at source')"),
    (re.compile(r"\s+\((?:end|END)\)(?:\s+[a-z]{1,4}(?:[./][a-z]{1,4})*)?\s*$"), "site-furniture",
     "wire end marker and editors' initials glued to the last sentence ('(end) mk.rk')"),
]
#: A photo caption: a credit, or a "(L)"/"(R)" position marker.
CAPTION = re.compile(r"^In this (?:[\w.,' -]{0,40} )?(?:file |handout |undated |video )?(?:photo|image|picture|screen ?grab)\b|"
                     r"[.]\s*(?:\|\s*)+$|"  # a caption's empty credit fields: "... Netherlands. | |"
                     r"[.]\s*\((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, (?:19|20)\d\d)?\) "
                     r"[A-Z][\w.&' -]{0,30}(?:, [A-Z][\w.&' -]{0,30})*$|"  # a video's caption: "... drills. (July 16) AP, AP"
                     r"[.]\s*\([^()]{0,60}\b(?:[Nn]ews|homepage|website|[Pp]hotos?|[Cc]ourtesy|Facebook|Twitter|"
                     r"Instagram|YouTube)\b[^()]{0,40}\)$|"  # "... Seoul. (Yonhap News)"; not a bare "(Yonhap)" after a sentence
                     r"\b(Photo|Phot|Pictured|Image)( by|:|\s*credit)|\b(?:File )?Photo/\s?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}$|/\s*[A-Z][\w-]* (Photo|Photos|Images)\b|"
                     r"[.!?]\s*\([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}/(?:The )?[A-Z][\w .&'-]{1,40}\)$|"  # "(Jane Roe/The Associated Press)"
                     r"\bLicense Photo\b|\b[A-Z]{2,}/[A-Z][a-z]+ [A-Z][a-z]+$|^!\[[^\]]*\]\(\)|/ [A-Z][\w ]+ \|$|\((L|R|C|left|right|center|centre)\)|"
                     r"\s[\u2013\u2014-] [A-Z][A-Z .'-]+ / [A-Z][A-Z /]+$|"
                     r"[.)] ?/ (AP|AFP|Reuters|REUTERS|Yonhap|EPA|EPA-EFE|Getty Images|Xinhua|Kyodo|Newsis|News1|Bloomberg)$|"
                     r"[.)] (?:EPA-EFE|EPA|EFE|AFP|AP|REUTERS|Reuters|YONHAP|Yonhap|XINHUA|Xinhua|KYODO|Kyodo)/[A-Z][A-Z/ .'-]+$|"
                     r"[.)] [A-Z]{2,}(?: [A-Z]{2,}){1,3}/(?:Pool|POOL|AFP|AP|EPA|Reuters|REUTERS|Getty Images|Yonhap)"
                     r"(?: via (?:AFP|AP|REUTERS|Reuters|Getty Images|EPA|Yonhap))?$|"  # "... 2023. JANE ROE/Pool via REUTERS"
                     r"\s\|\s*(?i:AP|AFP|Reuters|Bloomberg|Kyodo|Jiji|Yonhap|EPA|EPA-EFE|Getty Images|Xinhua|Pool|Newsis|News1|"
                     r"Kyodo News|Jiji Press|AP Photo|Reuters Photo|Bloomberg Photo)$")
#: A caption with no credit that names what the picture shows: "Flags of South Korea, Japan", "A view of the
#: ministry"; at most ten words and no full stop (a sentence about flags ends in one).
PICTURE_CAPTION = re.compile(r"^(?=(\S+\s+){0,9}\S+$)(?i:(?:the |a |an )?(?:flags?|logos?|portraits?|maps?|"
                             r"symbolic (?:image|picture|photo)|(?:file|archive) (?:image|picture|photo)s?|(?:aerial )?view)"
                             r"\s+(?:of|showing)\s)[^.!?:;\"]*[^\W\d_]$")
_PHOTO_VERB = (r"arrives?|attends?|shakes? hands|speaks?|poses?|walks?|waves?|listens?|salutes?|inspects?|chants?|holds?|"
               r"stages?|presides?|sits?|stands?|looks? on|gestures?|bows?|greets?|delivers?|applauds?|watch(?:es)?|reviews?|"
               r"leaves?|enters?|pays? (?:tribute|respects)|lays? a wreath|takes? part|participates?|shouts?|rall(?:y|ies)|"
               r"march(?:es)?|protests?|signs?|toasts?|smiles?|talks?")
_DAY = (r"on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
        r"(?:on |, )(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, (?:19|20)\d\d)?")
_SCENE = re.compile(rf"^(?=(\S+\s+){{3,49}}\S+$)(?!.*[\"\u201c\u201d])(?!.*\b(?:said|says|told|will|would|was|were|is|are|"
                    rf"has|have|had|next|to be)\b)(?!.*[a-z]{{3}}\. [A-Z])[A-Z][^!?;]*?\b(?P<verb>{_PHOTO_VERB})\b[^!?;]*"
                    rf"\b(?:{_DAY})\.$")


def scene_caption(text: str) -> bool:
    """True for a caption with no credit that says, in the present tense, what the people in the picture do
    and on which day: "The ambassador arrives at the ministry in Seoul on Wednesday." One sentence, no
    quotation, no dateline, no reporting verb and no past tense before its verb (an article sentence says
    what happened: "agreed to hold talks on Friday", "said")."""
    m = _SCENE.match(text.strip())
    return bool(m) and not re.search(r"\b[a-z]+ed\b|\s(?:\u2014|--|\u2013)\s|\((?:[A-Z][\w ]*)\)\s*-", text[:m.start("verb")])


#: Photo agencies that print a bare credit in brackets after a caption: "President Yoon (Yonhap)".
_BRACKET_CREDIT = re.compile(r"\((AP|AFP|Reuters|Yonhap|EPA|Xinhua|Kyodo|Jiji|Newsis|News1|Bloomberg|Getty Images|Pool)\)$")


def headline_prefix(text: str) -> tuple[str, str, str] | None:
    """``(prefix, category, reason)`` for site furniture glued before a headline: a breadcrumb trail
    ("HOME > World > Asia South Korea ..."), a section name and a bar ("Asia-Pacific | ..."), or a
    section name with no space ("WorldSouth Korea ..."). What is left must start like a headline."""
    crumb = re.match(r"^\s*(home|main)\s*(?P<sep>[>\u00bb\u203a|])\s*", text, _I)
    if crumb:
        sep = re.escape(crumb.group("sep"))
        trail = re.match(rf"^\s*\w+\s*{sep}\s*(?:[^{sep}]{{1,30}}?\s*{sep}\s*)*", text)
        cut = trail.end()
        last = re.match(rf"({_SECTION})(?:\s+|(?=[A-Z]))(?=[A-Z0-9\"'\u2018\u201c])", text[cut:])
        if last and len(text[cut + last.end():].split()) >= 3:
            cut += last.end()
        if len(text[cut:].split()) >= 3:
            return text[:cut], "navigation", "breadcrumb trail glued before the headline"
    bar = re.match(rf"^\s*({_SECTION})\s*[|>\u00bb\u203a]\s*(?=[A-Z0-9\"'\u2018\u201c])", text)
    glued = re.match(rf"^({_SECTION})(?=[A-Z][a-z]|[A-Z]\.|[A-Z]{{2,}}\b)", text)
    for m in (bar, glued):
        if m and len(text[m.end():].split()) >= 3:
            return text[:m.end()], "navigation", "section name glued before the headline"
    return None


def promo_line(text: str) -> bool:
    """True for a line under a promo heading that is a link or teaser: a numbered item, a line with
    no sentence end, or an offer (podcast, video, newsletter). A full sentence ends the block."""
    t = text.strip()
    if re.match(r"^\d{1,2}[.)]?\s", t) or PROMO_WORDS.search(t):
        return True
    return len(t.split()) <= 25 and not re.search(r"[.?!:][\"'\u201d\u2019)]*$", t)


def line_furniture(text: str) -> tuple[str, str] | None:
    """``(category, reason)`` when the whole line is furniture, else None."""
    stripped = text.strip()
    if not stripped:
        return None
    for pattern, category, reason in LINE_RULES:
        if category == "breadcrumb":
            if pattern.search(stripped):
                return "navigation", reason
        elif pattern.search(stripped) and (category != "navigation" or len(stripped.split()) <= 6):
            return category, reason
    bullet = _BULLET.match(stripped)
    if bullet and stripped[bullet.end():]:  # "\u2022 SHARE": the same rules after the bullet
        found = line_furniture(stripped[bullet.end():])
        if found:
            return found[0], found[1] + " (after a bullet)"
    return None


def prefix_furniture(text: str) -> tuple[str, str, str] | None:
    """``(prefix, category, reason)`` when the line opens with furniture, else None."""
    for pattern, category, reason in PREFIX_RULES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return m.group(), category, reason
    return None


def suffix_furniture(text: str) -> tuple[str, str, str] | None:
    """``(suffix, category, reason)`` when the line ends in furniture (and something is left before it), else None."""
    for pattern, category, reason in SUFFIX_RULES:
        m = pattern.search(text)
        if m and m.start() > 0 and text[:m.start()].strip():
            return m.group(), category, reason
    return None


def repeated_caption(text: str) -> bool:
    """True for a caption printed twice on one line (an image's alt text, then its caption): a short one ending
    in a bracketed photo credit ("President Yoon Suk Yeol (Yonhap) President Yoon Suk Yeol (Yonhap)"), or any
    text of eight words or more said twice over."""
    t = text.strip()
    half = len(t) // 2
    return len(t) % 2 == 1 and t[half] == " " and t[:half] == t[half + 1:] and len(t[:half].split()) >= 2 \
        and (bool(_BRACKET_CREDIT.search(t[:half])) or len(t[:half].split()) >= 8)  # a long one needs no credit


def is_caption(text: str, after_headline: bool = False) -> bool:
    """True for a photo caption line (the cleaning step keeps it in the structure file). With
    ``after_headline``, a line naming what a picture shows (:data:`PICTURE_CAPTION`) or the scene in
    it (:func:`scene_caption`) is one too;
    before the headline such a line may be the headline itself."""
    t = text.strip()
    return (bool(CAPTION.search(text)) or repeated_caption(text)
            or after_headline and bool(PICTURE_CAPTION.match(t) or scene_caption(t))) \
        and len(text.split()) >= 4


def photo_title(text: str, next_line: str | None) -> bool:
    """True for a photo's title printed on the line above its caption: at most twelve words, no sentence
    end, and the caption under it (a line :func:`is_caption` accepts) repeats it word for word
    ("Shangri-La Dialogue in Singapore" over "... speaks at the Shangri-La Dialogue in Singapore. Photo: ...")."""
    t = text.strip()
    return bool(next_line and t and len(t.split()) <= 12 and not re.search(r"[.!?:;]$", t)
                and is_caption(next_line, True) and t.lower() in next_line.lower() and t != next_line.strip())


def title_over_credit(text: str, next_line: str | None) -> bool:
    """True for a photo's title over a bare photo credit ("North Korea missile test" over "Image: AFP/Jane
    Roe"): at most eight words, no sentence end, and the next line is a photo credit alone."""
    t = text.strip()
    found = line_furniture(next_line) if next_line else None
    return bool(t and len(t.split()) <= 8 and not re.search(r"[.!?:;]$", t) and found
                and found[1] == PHOTO_CREDIT)


def tweet_text(text: str, next_line: str | None) -> bool:
    """True for an embedded tweet's text: at most sixty words over the tweet's credit line (:data:`TWEET_CREDIT`)."""
    return bool(next_line and TWEET_CREDIT.match(next_line.strip()) and len(text.split()) <= 60)


def printed_twice(text: str, next_line: str | None) -> bool:
    """True for a caption printed twice on two lines in a row (an image's alt text, then its caption): the
    same line again, at least six words and no sentence end (a repeated paragraph ends in a full stop)."""
    t = text.strip()
    return bool(next_line and t == next_line.strip() and len(t.split()) >= 6 and not re.search(r"[.!?\"\u201d]$", t))


#: How a photo caption ends: the day the photo was taken (", Japan, May 21, 2023.") or a bracketed credit.
_CAPTION_END = re.compile(r", (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\.$|"
                          r"\([^()]{2,60}\)$")
_ADDED_CREDIT = re.compile(r"\s*\([^()]{2,60}\)|\s*(?i:photo|image|credit|picture)s?:.{2,60}")


def caption_twice(text: str, next_line: str | None) -> bool:
    """True for a caption printed twice on two lines in a row: the second copy adds its credit ("..., May 21,
    2023." then "..., May 21, 2023. (Jane Roe/White House)", "...PHOTO: AFP"), or both end like a caption
    (:data:`_CAPTION_END`) or say what a picture shows in the present tense (:data:`_PHOTO_VERB`). Unlike
    :func:`printed_twice` it may end in a full stop and come before the headline."""
    t, n = " ".join(text.split()), " ".join((next_line or "").split())  # one copy may have double spaces
    if len(t.split()) < 6 or not n.startswith(t) or not (n == t or _ADDED_CREDIT.fullmatch(n[len(t):])):
        return False
    return bool(_CAPTION_END.search(t) or n != t  # the second copy adds a credit
                or n == t and re.match(rf"(?:\S+ ){{1,10}}(?:{_PHOTO_VERB})\b", t)  # "Protesters hold a rally ..." twice
                and not re.search(r"\b(?:said|says|told|according to)\b", t))  # reported speech: a paragraph


#: How a line of running prose ends: a full stop, question or exclamation mark, colon, semicolon,
#: ellipsis, or a closing quote or bracket after one.
SENTENCE_END = re.compile(r"[.?!:;\"'\u201d\u2019)\]\u2026]$")


def wrapped(lines: list[str]) -> bool:
    """True for a page hard-wrapped at a fixed width: at least two lines of six words or more stop
    mid-sentence and the next line goes on in lower case."""
    return sum(len(a.split()) >= 6 and not SENTENCE_END.search(a.strip()) and b.strip()[:1].islower()
               for a, b in zip(lines, lines[1:])) >= 2


#: Words a sentence cannot end on: a stored copy cut off after one of them stopped mid-sentence.
_NO_END = {"a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "that",
           "been", "be", "is", "are", "was", "were", "has", "have", "had", "will", "would", "its", "their", "his", "her"}


def _subheading(line: str, before: str, after: str | None) -> bool:
    """A subheading between paragraphs: two to six words of letters, capitalised, after a sentence end and
    before a line of twelve words or more (running prose, perhaps cut off) ("Historic distrust", "Talks resume in May")."""
    return bool(re.fullmatch(r"[A-Z][\w'\u2019,-]*(?: [\w'\u2019,-]+){1,5}", line) and SENTENCE_END.search(before.strip())
                and after and len(after.split()) >= 12)


def body_fragments(lines: list[str], provenance_line=lambda line: False) -> list[int]:
    """Indexes of the lines amid the article's paragraphs that no sentence ends: once running prose has
    begun (a line of twelve words or more that ends like a sentence), a line with no sentence end is a
    link, label, teaser, counter or caption, whatever its words ("Comment", "More >", "Watch video 01:46",
    a related story's title). Kept: a line of twenty words or more (a paragraph that lost its full stop),
    ``provenance_line`` lines (printed dates, bylines, datelines), a
    subheading (:func:`_subheading`), a line the next one continues in lower case or that has eight words or
    more and ends on a word no sentence ends on (a sentence the page broke in two), the last line when it has
    eight words or more or ends on a word no sentence ends on (a stored copy cut off mid-sentence), and
    every line of a hard-wrapped page."""
    if wrapped(lines):
        return []
    prose = next((i for i, t in enumerate(lines) if len(t.split()) >= 12 and SENTENCE_END.search(t.strip())), None)
    if prose is None:
        return []
    out = []
    for i in range(prose + 1, len(lines)):
        t = lines[i].strip()
        if SENTENCE_END.search(t) or provenance_line(lines[i]) or len(t.split()) >= 20:  # 20+ words: a paragraph
            continue
        if i == len(lines) - 1 and (len(t.split()) >= 8 or t.split()[-1].lower() in _NO_END):
            continue
        if _subheading(t, lines[i - 1], lines[i + 1] if i + 1 < len(lines) else None):
            continue
        if i + 1 < len(lines) and (lines[i + 1].strip()[:1].islower()
                                   or len(t.split()) >= 8 and t.split()[-1].lower() in _NO_END):
            continue  # the sentence goes on in the next line ("... the first in six years for a" / "Japanese ...")
        out.append(i)
    return out
