/** Function words that carry no topic; dropped before indexing and searching. */
export const ENGLISH_STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto about as is are was were be been
  being am do does did done have has had having i me my mine we our you your he she it its they them their this that
  these those there here what which who whom whose when where why how can could should would will shall may might must
  not no yes just also very too more most some any all each other than only own such both either neither
  get got gets getting please thanks thank tell show explain know want need let lets make like way something anything
  one ones another via vs versus e g eg etc ok okay hi hey hello hmm while see look lot fine
  actually really just basically simply exactly quite rather pretty maybe perhaps probably already still even ever never
  always often sometimes usually again also else anyway though although because since until unless whether whereas
  like likes liked kind sort thing things stuff someone somebody anyone anybody everyone everybody nobody
  i'm im i've ive i'd id you're youre it's its isn't isnt aren't arent don't dont doesn't doesnt didn't didnt can't cant
  won't wont wouldn't shouldn't couldn't let's lets there's theres what's whats how's hows
  much many more less few lots little bit way ways thing yeah yep nope please pls plz thx ty lol
  cannot after before during others within across around against upon toward towards`
    .split(/\s+/)
    .filter(Boolean),
);

/** Korean words that frame a question rather than name a topic. */
export const KOREAN_STOPWORDS = new Set(
  `뭐 뭐야 뭐가 뭐지 뭐죠 뭐예요 뭐에요 뭐임 뭐냐 뭔데 뭐였지 뭐였죠 뭐였더라 뭔가요 뭔가 뭔지 뭘 무엇 무엇인가 무엇인가요 무엇인지 무슨 어떻게 어떤 어떡해 왜 좀 그냥 정말 진짜
  알려줘 알려주세요 알려 주세요 설명 설명해줘 설명해 주세요 가르쳐줘 궁금해요 궁금합니다 있나요 있어요 있습니다 있는 있을
  없나요 없어요 합니다 하는 하면 하고 해요 해 그리고 또는 그래서 근데 그런데 이것 그것 저것 이거 그거 저거 여기 거기 저기
  수 것 거 게 때 등 및 더 잘 다 이 그 저 제 내 나 저희 우리 너 네 요 예 아 음 혹시 이제 지금 다시 경우
  못 안 잘못 없이 쓰기 쓰는 쓰고 써 써요 쓰면 쓰려면 쓰여 쓰여요 쓰이는 쓰임 번 여러 정리 요약 관련 대해 대한 해주세요 해줘요 주세요 줘 하나요 어디 언제 누가 되나요 돼요 되요 인가요 인가 인지 이란 란 이에요 예요 입니다 이죠 할까요 될까요
  후 후에 전 전에 뒤 뒤에 다음 다음에`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Particles and verb endings, longest first, stripped from a Korean word to reach its stem
 * (포트가 → 포트, 충돌했어요 → 충돌). Conjugations the list misses are matched by jamo prefix.
 */
export const KOREAN_SUFFIXES = `
  했었어요 했습니다 했는데요 하셨나요 하려면요 했어요 했는데 하려면 하려고 하는데 합니다 하세요 해주세요 해줘요 되나요 됐어요
  됩니다 인가요 입니다 이에요 이라는 이라고 에서는 에서도 으로는 으로도 이랑은 까지는 부터는 했어 했다 하면 하는 하고
  하기 하게 하나 해서 해야 해도 해줘 돼요 되는 되면 돼서 된다 됐어 안돼 안됨 이란 이야 예요 인데 인지 인가 이죠 에서 에게
  으로 로는 로도 에는 에도 이랑 까지 부터 보다 처럼 마다 이나 라는 라고 한 할 함 해 돼 된 될 됨 은 는 이 가 을 를 의 에 께
  로 와 과 도 만 랑 란 나 요 죠 으면 려면 면 좀`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/**
 * Words that say what kind of answer is wanted (why, how, the difference, the meaning) rather than
 * what it is about. They still match, but weigh little in deciding whether the bot may answer.
 */
export const FRAMING_WORDS = new Set(
  `이유 방법 법 차이 차이점 의미 뜻 특징 개념 정의 원리 예시 예제 종류 목록 역할 용도 장점 단점 장단점 해결 해결법 해결책
  달라 달라요 다른가요 같은거야 같은가요 가능 가능한가요 필요 되는지 하는지 안되는 안되나요 안돼 안돼요 안됨 안되요 안되
  meaning mean means difference differ reason way example examples list role purpose explain explained explanation
  possible need used using uses 때문`
    .split(/\s+/)
    .filter(Boolean),
);

/** Adverbs of everyday speech (쉽게, 자세히): how to answer, not what about. */
export const KOREAN_ADVERBS = new Set(
  `쉽게 간단히 간단하게 자세히 자세하게 빨리 빠르게 제대로 정확히 정확하게 많이 너무 아주 매우 진짜 정말 대충 그냥 혹시 보통 주로 실제로
  어떻게든 한번 다시 계속 먼저 나중에 같이 항상 자꾸 갑자기 계속해서 현재 요즘 요새 아까 오늘 어제 방금`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Stems of everyday Korean verbs (주다, 달라지다, 들어오다…). A word that is one of these plus an
 * ending (주면, 달라져, 들어오나요) frames the question; it says nothing about the topic.
 */
export const KOREAN_COMMON_VERBS = `하 되 돼 해 주 줘 보 봐 알 있 없 나 받 넣 뜨 떠 오 와 가 가져 만들 만드 바뀌 바꿔 달라 들어오 들어가 나오 생기 생겨 올리 올려
  내리 돌리 돌려 시키 쓰 써 켜 끄 꺼 열 닫 막 막히 걸리 먹 치 쳐 누르 눌러 고치 고쳐 하려 되려 알려 보여 물어 궁금 모르 몰라 해결되 안되 안돼 못하 싶 들어와 나와 다르 열리 닫히 켜지 꺼지`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/** Endings that can follow a verb stem (주+면, 달라+져, 들어오+나요). */
export const KOREAN_VERB_ENDINGS = new Set(
  `면 어 아 여 요 고 는 니 나 지 게 기 서 도 야 죠 네 데 냐 자 져 줘 봐 려 면서 려면 려고 는데 나요 어요 아요 여요 니까 지만 세요 주세요
  져요 졌어 졌어요 졌는데 진 질 는지 을까 ㄹ까 을 ㄴ 은 ㄹ 았 었 였 았어 었어 였어 았어요 었어요 했 했어 했어요 봤 봤어 줬 줬어 네요 군요 다 습니다 ㅂ니다
  는다 ㄴ다 는가 는가요 던 더니 든 든지 도록 러 러요 래 래요 시 세 셨 실 신 실까 나봐 나봐요 지요 잖아 잖아요
  려는 려는데 려다 려고요 다고 다는 다며 대 대요 냐고 라고 ㅁ 음 기에 는데요 ㄴ데 은데 던데 더라 더라고 어서 아서 여서 어도 아도 었는데 았는데 라는 란 라서`
    .split(/\s+/)
    .filter(Boolean),
);
