"""Description pairs for make_capture_fixture.py, with the FACTUAL-format graph text of every sentence (what the
parser would output; written by hand or generated from the same facts as the sentence)."""

HAND_WRITTEN = [
    # (note, candidate sentences, references' sentences); each sentence is (text, graph text)
    ("CAPTURE's README example",
     [("The image shows a red car, a white truck and other automobiles running on a city road.",
       "( car , is , red ) , ( truck , is , white ) , ( automobiles , is , other ) , ( automobiles , run on , road ) , "
       "( road , is , city ) , ( image , show , car ) , ( image , show , truck )"),
      ("Pedestrians are walking on the side.", "( pedestrians , walk on , side )"),
      ("Tall buildings can be seen under a clear blue sky.",
       "( buildings , is , tall ) , ( sky , is , clear ) , ( sky , is , blue ) , ( buildings , under , sky )")],
     [[("The image depicts a busy city street with cars running in the foreground, including a red car and a white "
        "truck.",
        "( street , is , busy ) , ( street , is , city ) , ( street , with , cars ) , ( cars , run in , foreground ) , "
        "( car , is , red ) , ( truck , is , white ) , ( image , depict , street )"),
       ("The street is surrounded by green trees.", "( trees , is , green ) , ( street , surrounded by , trees )"),
       ("In the backgound of the image, modern edifices and a clock tower stand under a clear blue sky.",
        "( edifices , is , modern ) , ( clock tower , stand under , sky ) , ( edifices , stand under , sky ) , "
        "( sky , is , clear ) , ( sky , is , blue )")]]),
    ("quantities, an attribute with ' of', stop-word objects",
     [("Three dogs sit on the grass next to a cup full of coffee.",
       "( dogs , is , 3 ) , ( dogs , sit on , grass ) , ( dogs , next to , cup ) , ( cup , is , full of coffee )"),
      ("The scene has a peaceful atmosphere.", "( scene , is , peaceful ) , ( atmosphere , is , peaceful ) , "
       "( scene , have , atmosphere )")],
     [[("Two puppies lie on green grass beside a mug.",
        "( puppies , is , 2 ) , ( grass , is , green ) , ( puppies , lie on , grass ) , ( puppies , beside , mug )"),
       ("The mug is filled with coffee.", "( mug , filled with , coffee )")]]),
    ("a truncated graph, a one-part graph, an empty graph, an adverb object",
     [("A tall man holds an umbrella.", "( man , is , tall ) , ( man , hold , umbr"),
      ("Trees!", "( trees )"),
      ("Nothing else.", ""),
      ("The dog runs quickly across the yard.", "( dog , run , quickly ) , ( dog , run across , yard )")],
     [[("A man holding an umbrella stands by a dog.",
        "( man , hold , umbrella ) , ( man , stand by , dog )"),
       ("The dog is running in the yard near some trees.",
        "( dog , run in , yard ) , ( yard , near , trees ) , ( dog , is , running )")]]),
    ("multi-word objects, capitals, adjective lemmas, clitics",
     [("A traffic light is red at the corner of the street.",
       "( traffic light , is , red ) , ( traffic light , at , corner ) , ( corner , of , street )"),
      ("The man's bigger hat is black, and a fire hydrant stands nearby.",
       "( hat , is , bigger ) , ( hat , is , black ) , ( man , have , hat ) , ( fire hydrant , stand , nearby )"),
      ("Dog sits calmly.", "( Dog , sit , calmly ) , ( Dog , is , calm )")],
     [[("A red traffic light hangs over the street corner.",
        "( traffic light , is , red ) , ( traffic light , hang over , street corner )"),
       ("A man wears a large black hat near a yellow fire hydrant.",
        "( hat , is , large ) , ( hat , is , black ) , ( man , wear , hat ) , ( fire hydrant , is , yellow ) , "
        "( man , near , fire hydrant )")]]),
    ("identical descriptions",
     [("A brown horse grazes in a wide field.",
       "( horse , is , brown ) , ( field , is , wide ) , ( horse , graze in , field )"),
      ("A wooden fence runs along the field.", "( fence , is , wooden ) , ( fence , run along , field )")],
     [[("A brown horse grazes in a wide field.",
        "( horse , is , brown ) , ( field , is , wide ) , ( horse , graze in , field )"),
       ("A wooden fence runs along the field.", "( fence , is , wooden ) , ( fence , run along , field )")]]),
    ("a candidate without elements",
     [("It is nice.", "( it , is , nice )")],
     [[("A cat sleeps on a soft pillow.", "( pillow , is , soft ) , ( cat , sleep on , pillow )")]]),
    ("synonyms in objects, attributes and relations; two references",
     [("An automobile is parked on the route beside a large edifice.",
       "( automobile , parked on , route ) , ( edifice , is , large ) , ( automobile , beside , edifice )"),
      ("A little kid is sitting on a couch.", "( kid , is , little ) , ( kid , sit on , couch )")],
     [[("A car is parked on the road beside a big building.",
        "( car , parked on , road ) , ( building , is , big ) , ( car , beside , building )"),
       ("A small child is sitting on a sofa.", "( child , is , small ) , ( child , sit on , sofa )")],
      [("A vehicle waits on a street near a tall tower.",
        "( vehicle , wait on , street ) , ( tower , is , tall ) , ( vehicle , near , tower )"),
       ("A young boy sits on a red sofa?", "( boy , is , young ) , ( sofa , is , red ) , ( boy , sit on , sofa )")]]),
    ("the same attribute on several objects; repeated facts across sentences",
     [("A red bus and a red bicycle are on the road.",
       "( bus , is , red ) , ( bicycle , is , red ) , ( bus , on , road ) , ( bicycle , on , road )"),
      ("The red bus is on the road.", "( bus , is , red ) , ( bus , on , road )")],
     [[("A crimson bus drives on the road (a busy one).", "( bus , is , crimson ) , ( bus , drive on , road ) , "
        "( road , is , busy )"),
       ("A bike is leaning against a red wall.", "( bike , lean against , wall ) , ( wall , is , red )")]]),
]


def _assemble(sentences):
    return " ".join(text for text, _ in sentences), {text: graph for text, graph in sentences}


def hand_written_pairs():
    pairs, graphs = [], {}
    for note, candidate, references in HAND_WRITTEN:
        text, g = _assemble(candidate)
        graphs.update(g)
        refs = []
        for ref in references:
            r, g = _assemble(ref)
            graphs.update(g)
            refs.append(r)
        pairs.append({"note": note, "candidate": text, "references": refs})
    return pairs, graphs


# Generated scenes: objects with plural forms and WordNet synonyms, attributes with synonyms, relations.
OBJECTS = [("car", "cars", "automobile"), ("dog", "dogs", "puppy"), ("man", "men", "guy"), ("woman", "women", "lady"),
           ("child", "children", "kid"), ("sofa", "sofas", "couch"), ("building", "buildings", "edifice"),
           ("bicycle", "bicycles", "bike"), ("tree", "trees", "oak"), ("table", "tables", "desk"),
           ("cup", "cups", "mug"), ("rock", "rocks", "stone"), ("boat", "boats", "ship"), ("hat", "hats", "cap"),
           ("road", "roads", "street"), ("bird", "birds", "pigeon"), ("lamp", "lamps", "light"),
           ("plate", "plates", "dish"), ("chair", "chairs", "seat"), ("cat", "cats", "kitten")]
ATTRIBUTES = [("big", "large"), ("small", "little"), ("red", "crimson"), ("old", "aged"), ("happy", "glad"),
              ("wooden", "wooden"), ("white", "white"), ("shiny", "glossy"), ("tall", "high"), ("dark", "black"),
              ("green", "green"), ("bright", "brilliant")]
RELATIONS = [("on", "on"), ("next to", "beside"), ("near", "close to"), ("behind", "behind"),
             ("in front of", "before"), ("under", "beneath"), ("holding", "holds"), ("beside", "by")]


def _sentence(rng, subject, attribute, relation, obj, obj_attribute, count):
    singular, plural, _ = subject
    if count > 1:
        words = {2: "Two", 3: "Three", 4: "Four"}[count]
        text = f"{words} {attribute} {plural} are {relation} a {obj_attribute} {obj[0]}."
        head = plural if rng.random() < 0.5 else singular
        graph = [f"( {head} , is , {count} )", f"( {head} , is , {attribute} )",
                 f"( {obj[0]} , is , {obj_attribute} )", f"( {head} , {relation} , {obj[0]} )"]
    else:
        text = f"A {attribute} {singular} is {relation} a {obj_attribute} {obj[0]}."
        graph = [f"( {singular} , is , {attribute} )", f"( {obj[0]} , is , {obj_attribute} )",
                 f"( {singular} , {relation} , {obj[0]} )"]
    rng.shuffle(graph)
    return text, " , ".join(graph)


def _scene(rng, n):
    facts = []
    for _ in range(n):
        s, o = rng.sample(range(len(OBJECTS)), 2)
        facts.append((s, rng.randrange(len(ATTRIBUTES)), rng.randrange(len(RELATIONS)), o,
                      rng.randrange(len(ATTRIBUTES)), rng.choice([1, 1, 2, 3])))
    return facts


def _render(rng, facts, synonym_rate):
    sentences = []
    for s, a, r, o, oa, count in facts:
        def pick(options, index):
            return options[index][1 if rng.random() < synonym_rate else 0]
        subject = OBJECTS[s] if rng.random() >= synonym_rate else (OBJECTS[s][2], OBJECTS[s][2] + "s", "")
        obj = OBJECTS[o] if rng.random() >= synonym_rate else (OBJECTS[o][2], "", "")
        sentences.append(_sentence(rng, subject, pick(ATTRIBUTES, a), pick(RELATIONS, r), obj, pick(ATTRIBUTES, oa),
                                   count))
    return sentences


def generated_pairs(rng, count=22):
    pairs, graphs = [], {}
    for i in range(count):
        facts = _scene(rng, rng.randint(3, 5))
        candidate_facts = [f for f in facts if rng.random() < 0.75] + _scene(rng, rng.randint(0, 2))
        rng.shuffle(candidate_facts)
        candidate = _render(rng, candidate_facts, 0.35)
        references = [_render(rng, facts, 0.1)]
        if i % 3 == 0:
            references.append(_render(rng, [f for f in facts if rng.random() < 0.8] or facts[:1], 0.2))
        for sentence_list in [candidate, *references]:
            for text, graph in sentence_list:
                graphs.setdefault(text, graph)
        pairs.append({"note": f"generated scene {i}", "candidate": " ".join(t for t, _ in candidate),
                      "references": [" ".join(t for t, _ in r) for r in references]})
    return pairs, graphs
