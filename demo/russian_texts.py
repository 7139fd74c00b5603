"""Russian wording for the demo site: fixed translations of the structural texts and a
generator of Russian article text (written for this project, like texts.py)."""

# English demo text → its Russian version, for every fixed string of the demo tree.
FIXED = {
    # sections and pages
    "European Geopolitical Forum": "Европейский геополитический форум",
    "Independent analysis and expert debate on the geopolitics of the wider Europe, in English and Russian.": "Независимый анализ и экспертные дискуссии о геополитике Большой Европы на английском и русском языках.",
    "About": "О нас",
    "Who we are, how we work, and the people behind the forum.": "Кто мы, как мы работаем и кто стоит за форумом.",
    "Who we are": "Кто мы",
    "What we do": "Чем мы занимаемся",
    "What makes us different?": "Чем мы отличаемся?",
    "Why is geopolitics important?": "Почему геополитика важна?",
    "Issues we work on": "Темы нашей работы",
    "The themes that run through our analysis.": "Сквозные темы нашей аналитики.",
    "EGF in Press": "EGF в прессе",
    "EGF experts quoted and published elsewhere.": "Эксперты EGF в других изданиях: цитаты и публикации.",
    "Staff": "Сотрудники",
    "The team that runs the forum.": "Команда, которая ведёт работу форума.",
    "Affiliated Experts": "Ассоциированные эксперты",
    "Analysts who write and debate with us.": "Аналитики, которые пишут для нас и участвуют в наших дискуссиях.",
    "Expert Presentations": "Презентации экспертов",
    "Slides and recordings from our events.": "Слайды и записи с наших мероприятий.",
    "EGF Partners": "Партнёры EGF",
    "Organisations we work with.": "Организации, с которыми мы сотрудничаем.",
    "Contact Us": "Связаться с нами",
    "Write to the EGF office. We answer within a few working days.": "Напишите в офис EGF. Мы отвечаем в течение нескольких рабочих дней.",
    "Thank you, your message has reached the EGF office.": "Спасибо, ваше сообщение получено офисом EGF.",
    "Message from the EGF website": "Сообщение с сайта EGF",
    "Your name": "Ваше имя",
    "Your e-mail": "Ваш адрес электронной почты",
    "Subject": "Тема",
    "Message": "Сообщение",
    "Forum": "Форум",
    "Moderated debates between invited experts and members.": "Модерируемые дискуссии приглашённых экспертов и членов форума.",
    "Terms & Rules": "Условия и правила",
    "Help": "Помощь",
    "Registration": "Регистрация",
    "Experts": "Эксперты",
    "Everyone who writes for the forum, from A to Z.": "Все авторы форума от А до Я.",
    "Context": "Контекст",
    "News, analysis, publications and events from the forum.": "Новости, аналитика, публикации и мероприятия форума.",
    "News": "Новости",
    "Short pieces on what happened and why it matters.": "Коротко о том, что произошло и почему это важно.",
    "Publications": "Публикации",
    "Longer analyses and policy papers.": "Развёрнутые аналитические материалы и доклады.",
    "Events": "Мероприятия",
    "Round tables, conferences and briefings.": "Круглые столы, конференции и брифинги.",
    "Documents": "Документы",
    "Reports, statements and conference papers to download.": "Доклады, заявления и материалы конференций для скачивания.",
    "Maps": "Карты",
    "Maps drawn for our analyses.": "Карты, подготовленные для наших аналитических материалов.",
    "Members Area": "Раздел для членов",
    "Briefings for forum members.": "Брифинги для членов форума.",
    "Book reviews": "Рецензии",
    "New books on the region, reviewed by our experts.": "Новые книги о регионе в рецензиях наших экспертов.",
    "EGF Shop": "Магазин EGF",
    "Order printed copies of EGF publications.": "Заказ печатных экземпляров изданий EGF.",
    "Terms and Conditions": "Условия использования",
    "Privacy Policy": "Политика конфиденциальности",
    "EGF research team": "Исследовательская группа EGF",
    "A participant in the EGF round table": "Участник круглого стола EGF",
    # about pages
    "An independent forum where analysts, diplomats and business people from the wider Europe meet.": "Независимая площадка, где встречаются аналитики, дипломаты и предприниматели Большой Европы.",
    "The European Geopolitical Forum brings together people who study the politics of the wider "
    "European neighbourhood and people who act in it.": "Европейский геополитический форум объединяет тех, кто изучает политику соседних с Европой стран, "
    "и тех, кто её делает.",
    "Our members come from universities, ministries, companies and the press; what they share is a "
    "preference for evidence over slogans.": "Среди членов форума — учёные, сотрудники министерств, компаний и журналисты; их объединяет "
    "предпочтение фактов лозунгам.",
    "Analysis, closed-door debates, public events and publications.": "Аналитика, закрытые дискуссии, открытые мероприятия и публикации.",
    "We publish short analyses and longer studies, host round tables under the Chatham House rule, "
    "and run moderated online debates between invited experts.": "Мы публикуем короткие обзоры и большие исследования, проводим круглые столы по правилу Chatham House "
    "и модерируем онлайн-дискуссии приглашённых экспертов.",
    "Each year a small number of commissioned papers look at one region in depth.": "Каждый год несколько заказных докладов подробно разбирают один регион.",
    "We put people from both sides of a dispute in the same room, and in the same debate.": "Мы сводим в одном зале и в одной дискуссии представителей обеих сторон спора.",
    "Many institutes speak about the regions they study; we try to speak with them.": "Многие институты говорят о регионах, которые изучают; мы стараемся говорить с ними.",
    "Our debates are bilingual, in English and Russian, so that local voices are heard in their own words.": "Наши дискуссии идут на двух языках, английском и русском, чтобы голоса из регионов звучали без посредников.",
    "Geography still shapes which choices governments really have.": "География по-прежнему определяет, какой выбор на самом деле есть у правительств.",
    "Routes, resources and neighbours do not change with elections, and policies that ignore them "
    "tend to fail quietly.": "Маршруты, ресурсы и соседи не меняются после выборов, а политика, которая их не учитывает, "
    "обычно тихо терпит неудачу.",
    "Understanding those constraints is the first step to loosening them.": "Понять эти ограничения — первый шаг к тому, чтобы их ослабить.",
    # legal and forum pages
    "Articles on this site may be quoted with a link to the original page.": "Статьи с этого сайта можно цитировать со ссылкой на исходную страницу.",
    "Members are responsible for what they post in the Forum and agree to its rules when they register.": "Члены форума отвечают за свои сообщения и при регистрации соглашаются с его правилами.",
    "We store the data you give us when you register or write to us, and use it only to run the forum "
    "and answer you.": "Мы храним данные, которые вы сообщаете при регистрации или в письмах, и используем их только "
    "для работы форума и ответов вам.",
    "You may ask us at any time to show, correct or delete what we hold about you.": "Вы в любой момент можете попросить показать, исправить или удалить сведения о вас.",
    "Debates are moderated. Posts appear once a moderator has read them.": "Дискуссии модерируются. Сообщения появляются после проверки модератором.",
    "Argue with ideas, not with people; posts that insult or advertise are removed.": "Спорьте с идеями, а не с людьми; оскорбления и реклама удаляются.",
    "To take part, register with your e-mail address and confirm it from the message we send you.": "Чтобы участвовать, зарегистрируйтесь по адресу электронной почты и подтвердите его по ссылке из письма.",
    "You can then reply to any open debate; closed debates stay readable in the archive.": "После этого можно отвечать в любой открытой дискуссии; закрытые остаются доступны в архиве.",
    # regions and topics
    "Black Sea": "Черноморский регион",
    "Caucasus": "Кавказ",
    "Central Asia": "Центральная Азия",
    "Baltic States": "Страны Балтии",
    "Eastern Europe": "Восточная Европа",
    "Russia": "Россия",
    "European Union": "Европейский союз",
    "Middle East": "Ближний Восток",
    "Arctic": "Арктика",
    "Western Balkans": "Западные Балканы",
    "Energy security": "Энергетическая безопасность",
    "Sanctions": "Санкции",
    "Protracted conflicts": "Затяжные конфликты",
    "Trade corridors": "Торговые коридоры",
    "Security and defence": "Безопасность и оборона",
    "Governance and elections": "Управление и выборы",
    "Climate and resources": "Климат и ресурсы",
    "Migration": "Миграция",
    "Pipelines, liquefied gas terminals and the politics of supply.": "Трубопроводы, терминалы сжиженного газа и политика поставок.",
    "Who imposes them, who evades them, and what they change.": "Кто их вводит, кто обходит и что они меняют.",
    "Ceasefire lines that have outlived the wars behind them.": "Линии прекращения огня, пережившие сами войны.",
    "Rail, road and sea routes that bypass old chokepoints.": "Железные дороги, автотрассы и морские пути в обход старых узких мест.",
    "Alliances, arms control and military balances.": "Союзы, контроль над вооружениями и военный баланс.",
    "How power changes hands, or does not.": "Как переходит власть — или почему не переходит.",
    "Water, minerals and the strategic side of the energy transition.": "Вода, полезные ископаемые и стратегическая сторона энергоперехода.",
    "Movements of people and the policies that respond to them.": "Перемещения людей и политика, которая на них отвечает.",
    # experts and partners
    "Senior Fellow": "Ведущий научный сотрудник",
    "Research Director": "Директор по исследованиям",
    "Associate Analyst": "Младший аналитик",
    "Programme Lead": "Руководитель программы",
    "Visiting Scholar": "Приглашённый исследователь",
    "Institute for Black Sea Studies": "Институт черноморских исследований",
    "Centre for Eurasian Policy": "Центр евразийской политики",
    "University of Vienna": "Венский университет",
    "Baltic Security Network": "Балтийская сеть безопасности",
    "Caspian Energy Review": "Каспийское энергетическое обозрение",
    "Danube Dialogue Foundation": "Фонд «Дунайский диалог»",
    "Joint round tables on maritime security.": "Совместные круглые столы по морской безопасности.",
    "Co-publishes the annual corridor review.": "Соиздатель ежегодного обзора транспортных коридоров.",
    "Exchanges analysts for short research visits.": "Обмен аналитиками для коротких исследовательских поездок.",
    "Shares data on regional energy flows.": "Делится данными о региональных энергопотоках.",
    "Supports the forum's bilingual debates.": "Поддерживает двуязычные дискуссии форума.",
}

ACTORS = [
    "Брюссель",
    "Москва",
    "Анкара",
    "Баку",
    "Тбилиси",
    "Ереван",
    "Астана",
    "Киев",
    "Варшава",
    "Бухарест",
    "Кишинёв",
    "Вильнюс",
    "Тегеран",
    "Пекин",
    "Вашингтон",
    "Берлин",
    "Париж",
]
# Title patterns keep the subject in the nominative case, so any pair reads correctly.
TITLE_PATTERNS = [
    "{actor} пересматривает подход: {subject}",
    "{subject}: {actor} ищет компромисс",
    "{actor}: {subject} снова в повестке",
    "{subject} — проверка на прочность для региона",
    "{actor} и {subject}: что стоит за решением",
]
SUBJECTS = [
    "транзит газа",
    "южный коридор",
    "экспорт зерна",
    "демаркация границы",
    "визовый режим",
    "санкционный режим",
    "портовые концессии",
    "энергомосты",
    "закупки вооружений",
    "железнодорожное сообщение",
    "мирное урегулирование",
    "критические минералы",
    "наблюдение за выборами",
    "раздел водных ресурсов",
    "соглашение о свободной торговле",
]
ANGLES = [
    "Что изменится после саммита",
    "Три сценария на следующую зиму",
    "Уроки последнего десятилетия",
    "Кто выигрывает и кто проигрывает",
    "Почему важен момент",
    "Взгляд из региона",
    "Цифры за словами",
]
SENTENCES = [
    "Решение мало кого удивило: {actor} давно давал понять, что к нему готов.",
    "Многое зависит от того, увидит ли {actor} в договорённости прецедент или исключение.",
    "Столицы региона оценивают этот шаг через призму темы «{subject}», а не главного спора.",
    "Инвесторы пока закладывают в цены задержку, а не срыв.",
    "Ни одна из сторон не опубликовала приложения, а именно в них обычно и записаны обязательства.",
    "Дискуссия о теме «{subject}» сместилась от вопроса «нужно ли» к вопросу «как быстро».",
    "Основную дипломатическую нагрузку теперь несёт небольшая группа правительств.",
    "Прежние договорённости разрушало не столько сопротивление, сколько невнимание.",
    "Местные элиты научились играть на противоречиях внешних партнёров.",
    "То, что выглядит техническим вопросом, на деле оказывается вопросом суверенитета.",
]
CITIES = ["Брюссель", "Вена", "Тбилиси", "Стамбул", "Рига", "Алматы"]


def title(rng):
    text = rng.choice(TITLE_PATTERNS).format(actor=rng.choice(ACTORS), subject=rng.choice(SUBJECTS))
    return text[0].upper() + text[1:]


def paragraph(rng, sentences=3):
    return " ".join(
        rng.choice(SENTENCES).format(actor=rng.choice(ACTORS), subject=rng.choice(SUBJECTS))
        for _ in range(sentences)
    )


def venue(rng):
    return f"Конференц-центр, {rng.choice(CITIES)}"
