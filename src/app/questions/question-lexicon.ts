// The words a question is understood by, as data: one pattern per idea, in both languages, with
// the spellings and typos people really type. The parser combines them (question.parser.ts).
import type { PostCategory } from "../../domain/policy/index.ts";
export const WORDS = {
  help: /^(help|what is keypost|what'?s keypost|whats keypost|what does keypost do|about keypost|keypost是什么|keypost是干什么的|帮助|帮忙|怎么用|如何使用|你能做什么|你会什么|能问什么|可以问什么|what can you do|what can i ask|commands?|usage|使用说明|用法|说明|menu|菜单)$/,
  notice: /通知|提醒|消息|告知|notices?|notifications?|notifs?|reminders?|alerts?|messages?|msgs?/,
  unacknowledged:
    /未确认|没确认|没有确认|无人确认|没人确认|没人回|没有人确认|没人理|未读|没读|未回复|没回|没回复|未签收|没签收|未响应|没响应|unacknowledged|unacknowleged|unacked|un-acked|not (?:yet )?(?:been )?ack\w*|n'?t (?:yet )?(?:been )?ack\w*|no ?one (?:has )?(?:ack\w*|confirmed|read|responded)|nobody (?:has )?(?:ack\w*|confirmed|read|responded)|no ack\w*|pending ack\w*|awaiting ack\w*|unread|ignored|unanswered|without (?:an )?ack\w*/,
  handover:
    /交接|移交|交回|hand ?-?overs?|handvoers?|handoevr|handovr|handoffs?|hand ?-?backs?|hand(?:ing)? (?:over|back)/,
  rectification:
    /整改|rectif\w*|rectfication\w*|recitif\w*|remediation\w*|remedial|corrective actions?|action items?|fix items?|follow-?ups? items?/,
  audit: /审计|稽核|离审|audits?|audti|aduit|adit|auditing/,
  late: /逾期|超期|延期|延误|迟了|晚了|拖了|拖延|超时|没按时|未按时|过期|超过期限|落后|late|overdue|over due|ovedue|overdeu|behind|delayed|past (?:their )?due|slipp\w*|missed (?:the )?deadline/,
  figures:
    /指标|数据|合规率|覆盖率|及时率|关闭率|闭环率|完成率|整改率|统计|报表|看板|kpis?|key figures|figures|stats|statistics|metrics|numbers|dashboard|scorecard|score card|compliance rate|rotation compliance|leave coverage|coverage|timeliness|on-?time rate|closure rate|closure|by severity|severity breakdown|按严重|严重程度|严重性|分级/,
  findings: /审计发现|发现的问题|发现|findings?/,
  leave:
    /在休假|休的假|休过假|休了假|休?强制假|强假|休假|休息|放假|请假|强休|强制休假|不在岗|\bforced leave\b|在休|休了|假期|on leave|on-leave|leave|leav\b|\bleve\b|\blv\b|\boff\b|vacation|vacay|holiday|away|out of office|\booo\b|time off|pto|(?:is|are|'s|be) out\b|\bout (?:today|tomorrow|next|this|on)/,
  rotation:
    /\b(?:be|being|get|gets|getting) (?:moved|rotated|reassigned|transferred)\b|\bmov(?:e|ed|ing) (?:off|out of|away from) (?:their|the|his|her|a) (?:post|seat|role|job|position)s?\b|\bmov(?:e|ed|ing) (?:to|into) (?:another|a new|a different|other) (?:post|seat|role|job|position)s?\b|\b(?:time|term|stint) (?:in (?:the|their|his|her|a) (?:post|seat|role|job|position) )?(?:is|'s|will be) up\b|\bmov(?:e|ing) on\b|\b(?:need|needs|have|has|due) to (?:move|change (?:posts?|seats?|jobs?))\b|\b(?:move[sd]?|moving|change[sd]?|changing|swap(?:ped)?) (?:seats?|posts?|jobs?|roles?)\b|挪窝|换人|到年限|年限|\b(?:time|term|stint) in (?:the |their |his |her )?(?:post|seat|role|job)\b|\bchange\b.{0,16}\bseats?\b|\bseats?\b.{0,24}\bchange\b|stay(?:ed|ing)? (?:in (?:their|the|his|her|a) (?:post|job|role|seat|position) )?(?:past|beyond|over|longer than)|overstay\w*|too long in (?:their|the) (?:post|job|role|seat)|轮岗|轮换|换岗|调岗|岗位轮|任期|任职期限|任职|满期|rotations|rotation|rotating|rotated|rotate|rotaion|roation|rotatoin|rotaton|rotatin|roatation|tenure/,
  due: /该|应该|需要|到期|快到|临近|即将|due|overdue|upcoming|soon|coming up|approaching/,
  overdue:
    /早就该|早该|一直没(?:换|轮|动)|没动过|太久|超出年限|超过年限|should(?: have|'?ve) (?:been )?(?:rotated|moved|changed|swapped|rotate)|\b(?:tenure|time|term|stint|rotation date|limit)s? (?:in (?:the |their |his |her )?(?:post|seat|role|job) )?(?:has |have |had )?(?:expired|ran out|run out)\b|(?:date|deadline|limit) (?:has |had )?(?:passed|gone by)|longer than (?:allowed|permitted|the limit)|longer than (?:\w+ ){0,3}(?:allows?|permits?|allowed|permitted)\b|\bpast (?:the |their )?(?:allowed|permitted|maximum|max) (?:\w+ )?(?:years?|time|term|period|tenure)\b|\bpast (?:the |their |his |her )?tenure\b|\bbeyond (?:the |their )?(?:allowed|permitted|maximum|max)\b|(?:还|仍然?|依然)(?:没有?|未)(?:挪窝|挪|动|换岗|轮岗|换|轮)|到了?(?:轮岗)?年限(?:还|却|仍|了还)|bl(?:ew|own) (?:through|past)|went past|(?:through|past|over|beyond) (?:their |the |its )?(?:tenure |rotation )?limt|stay(?:ed|ing)? (?:in (?:their|the|his|her|a) (?:post|job|role|seat|position) )?(?:past|beyond|over|longer than)|overstay\w*|too long|gone past|该轮(?:岗)?了?却|(?:该|应该?|应当)(?:轮岗|轮换|换岗|轮|换)了?(?:却|但|可是?|而|就是)?(?:还|仍然?|一直)?(?:没有?|未)(?:轮|换|动)|应轮未轮|应换未换|还没轮|没轮岗|未轮岗|逾期|超期|(?<=轮岗|岗位|任职|任期)超时|已超|超限|超过限制|超出限制|超出规定|超过规定|过期|超过|超了|overdue|over due|ovedue|past due|late|exceeded|beyond|over the limit|past (?:\w+ ){0,2}(?:deadline|limit|limt|date)|\bpast (?:\w+ ){0,4}due dates?\b|\bexceed(?:s|ed|ing)? (?:the |their |its )?(?:tenure|limit|rotation)|\b(?:rotation|tenure) breach\w*|over (?:\w+ ){0,2}(?:limit|limt)|\bover (?:the|their|its|his|her) tenure\b|\btenure breach\w*|\bbreach\w* (?:of )?(?:the |their )?(?:tenure|rotation|limit)|过了\S{0,4}期限|超出\S{0,4}期限|超过\S{0,4}期限|超过任期|超出任期/,
  whereGo:
    /去哪|去了哪|调到哪|调去哪|调哪|去向|调到了哪|轮到哪|轮岗到哪|现在在哪个岗位|在哪个岗位|现在在哪|在哪个岗|wh?ere? did|where does|where has|where'?s .* (?:gone|now)|where (?:is|are) .* now|where .* (?:go|went|gone|moved)|went where|move[sd]? to|now works|new post of|next post/,
  whoTook:
    /现任是谁|是谁在(?:做|当)|谁在(?:做|当)|who(?:'s| is) (?:the )?(?:current )?holder|谁接替|谁接手|谁来接|谁顶替|谁接任了?|谁接|接任|接替|继任|谁顶|谁在做|谁在当|谁是.*岗|接了|现任|who took over|who takes over|who took(?! care\b)|who takes(?! care\b)|who'?s taken|who replaced|who replaces|took over|taken over|successor|replacement (?:for|of)|who holds|who has the|current holder|holder of|who is on the|who sits|who'?s (?:the|in the)\b(?! (?:rm|relationship manager)\b)/,
  /** A key post's role, as its name says it (柜员, Teller …): "who is the teller in Pudong" asks for a post. */
  postRole:
    /负责人|一把手|柜员|会计主管|会计|库管员|库管|管库员|金库管理员|管金库钥匙|管金库|金库钥匙|管库|信贷员|信贷|客户经理|行长|风险经理|风控经理|\btellers?\b|vault keepers?|vault keys?|\bvault\b|accounting supervisors?|accounting|accountants?|credit officers?|loan officers?|\bcredit\b|relationship manag(?:er|e)s?|\brms?\b|acct supervisors?|\bacct\b|branch head|\bhead\b|risk officers?|risk managers?|\brisk\b/,
  client: /客户|公司|client|clinet|cliant|customer|\baccount\b/,
  /** The key posts themselves, as a whole: "who holds key posts", "关键岗位人员名单", "how many key posts". */
  keyPosts:
    /关键岗位|岗位(?:情况|状况|概况|一览|设置)|\bposts? (?:overview|rundown)\b|\b(?:state|status) of (?:the |its |their )?posts\b|关键岗|重要岗位|敏感岗位?|\bsensitive (?:posts?|positions?|roles?|seats?|jobs?)\b|key[- ]?posts?|key[- ]?positions?|key[- ]?roles?|key[- ]?seats?|key[- ]?post[- ]?holders?/,
  /** The staff of a unit as a whole (a headcount), not the key-post holders: "how many employees in Xuhui". */
  staff:
    /员工|职员|雇员|工作人员|在职人数|\bstaff\b|\bemploy(?:e|ee)s\b|\bemployee\b|\bhead ?-?counts?\b|\bworkforce\b|\bpersonnel\b|\bwork(?:s|ing)? (?:in|at|for)\b|上班|在职|多少人|几个人|几口人|\bhow big\b|\b(?:team|branch|unit) size\b|\bsize of\b/,
  /** Asking for a number. */
  howMany:
    /多少|几名|几家|数量|数目|人数|个数|总数|(?<=客户|员工|岗位)数|几个|几人|几位|how many|number of|#\s?of\b|\bno\. of\b|\bcount\b|\btotal\b/,
  /** The people in posts, not the posts. */
  holderWords: /人员|人数|在岗|几人|几位|多少人|几个人|哪些人|谁|holders?|people|persons?|staff|who|employees?/,
  serves:
    /谁负责|谁服务|谁在服务|在服务|谁管|谁在管|谁对接|谁在对接|谁跟|谁在?维护|由谁维护|归谁|是谁的|客户经理是谁|经理是谁|的客户经理|(?:哪个|哪位|哪一位)客户经理|客户经理是哪|在跟进?|who (?:now |currently |still )?(?:serves|manages|handles|looks after|covers|owns|takes care of|deals with|is taking care of|is dealing with|is looking after|is handling|is serving|is managing)|who'?s (?:serving|managing|handling)|served by|managed by|handled by|\brm (?:for|of)\b|which rm|\b(?:their|its) (?:rm|relationship manager)\b|relationship manager (?:for|of)\b|whose client|who is responsible|\bwho'?s (?:the |their )?(?:rm|relationship manager)\b|\bwho\s*(?:是|在)?\s*(?:负责|服务|管|对接|跟进?)|的\s*(?:rm|relationship manager)\b|\b(?:rm|relationship manager)\s*是谁|\b(?:in |on )?whose (?:book|books|portfolio)\b/,
  status:
    /状态|情况|怎么样|如何|咋样|近况|概况|详情|信息|资料|status|stauts|statsu|how is|how'?s|what about|tell me about|'s (?:details|info|record|profile|file)\b|info (?:on|about)|details? (?:on|of|for|about)|overview|summary|what'?s up with|whats up with|lookup|look up|profile/,
  open: /进行中|在办|未结|未完成|没完成|没结束|开着|还在|阶段|进度|到哪一步|哪一步|open|ongoing|in progress|running|active|current|pending|stage|status|where are|which step/,
  /**
   * One person's dates asked without "rotation": how long they may stay in their post ("还能在岗多久",
   * "how much longer can X stay put"), since when they hold it ("什么时候上岗的", "since when has X
   * been the RM"), when their mandatory leave falls due — answered with that person's status.
   */
  personDate:
    /还能(?:在岗|待|呆|干|做|留|坐)|(?:干|做|待|呆|留|坐)到(?:哪天|哪一天|什么时候|何时|几号|啥时候)|最多(?:能|可以)?(?:干|做|待|呆|留)到|(?:能|可以)(?:干|做|待|呆|留)到|在岗多久|(?:哪天|哪一天|什么时候|何时|几号)离岗|离岗(?:日期|时间|日)|最后一天|还剩多久|还(?:剩|有)几天|剩几天|\bhow many days (?:are )?(?:left|remain\w*)\b|\bdays (?:left|remaining)\b|(?:干|做|待|呆|坐|在岗|任职)了?(?:多久|多长时间|几年)|哪年哪月|哪年|哪个月|\bhow long has\b.{1,40}\b(?:been|held|had|sat)\b|开始(?:任|担任|做|干|当)|(?:哪天|什么时候|何时|哪一天|几号)(?:开始|起)(?:任|担任|做|干|当)?|从(?:什么时候|何时|哪天|哪一天|啥时候)(?:起|开始)?(?:任|担任|做|干|当)?|上岗|到岗|任职起|起任|(?:在岗|任职|任岗|上岗|到岗)?起始(?:日期|日|时间)?|(?<=现职|现岗|本岗|岗位|职位)的?开始(?:日期|日|时间)|\b(?:until|till|til|up to) when\b|how (?:much )?long(?:er)? (?:can|may|could|will|should|does|is)\b|how much longer|\bstay put\b|\b(?:got|has|have) left\b|\btime left\b|\bsince when\b|\bstart(?:ed)? (?:as|in|on)\b|\bstart date\b|\b(?:when|what day|which day|what date|which date) did\b.{1,40}\b(?:start|begin|take (?:up|over))\b|\bin (?:the|this|that|his|her) (?:post|seat|role|job) since\b/,
  /** The words of a question about one person's dates that carry no name ("下次", "have to take", "start"). */
  personDateWords:
    /(?:开始)?任职(?:的)?|几天|\b(?:how many )?days\b|(?<=\S)任(?=现|本|该|此|这|当前|目前)|\bmax(?:es|ed|ing)? out\b|\b(?:(?:in|on|at|up) )?(?:the|their|his|her) (?:current|present|existing) (?:post|seat|role|job|position)\b|\b(?:current|present|existing)\b|\bat (?:the )?most\b|\bmax(?:imum)?\b|(?:应该|应当|需要|必须|该|要|得|需|须|应)休(?!假)|(?:干|做|待|呆|坐|在岗|任职)了?(?:多久|多长时间|几年)|哪年哪月|哪年|哪个月|\bhow long\b|\bhas\b|(?:能|可以)(?=干|做|待|呆|留|坐)|现在的岗位|现在这个岗位|(?:现|本|这个)(?:岗位|职位)|现职|现岗|本岗|(?:起始|开始)(?:日期|日|时间)|起始|下一次|下次|应在|哪天前|之前|以前|开始担任|开始任|开始当|开始做|开始干|开始|上岗|到岗|任职|岗位上|位置上|岗位|在岗|还能|还剩|多久|最多|(?:干|做|待|呆|留|坐)到|岗上|为止|离岗|上一?次|最近一次|\blast\b|\b(?:his|her|their) (?:till|cash drawer|drawer|desk|keys?|post|seat|role|job)\b|(?:做|当|干|担任)(?=客户经|柜员|会计|库管|信贷|行长|风险|风控)|强制(?!假|休假)|从(?=什么|哪天|哪一天|何时|几时|啥时|\s|$)|(?<=前)休|\b(?:mandatory|compulsory|next|take|taken|stay|put|left|long|longer|much|may|start|starts|started|begin|began|been|as|got|time|more|they|them|will|should|held|allowed|permitted|sent|send|go|goes|going|on|his|her|latest|at the latest|seat)\b/,
  /** Mandatory leave none taken in a window: "近12个月没有休过强制休假", "no mandatory leave in the past year". */
  leaveUncovered:
    /(?:近|最近|过去)(?:12|十二|一)(?:个月|年)(?:内|来|里)?(?:都)?(?:没有?|未)|(?:没有?|未)(?:休过?|有过?).{0,8}(?:近|最近|过去)(?:12|十二|一)(?:个月|年)|(?:not|n't|no|without)\b.{0,40}\b(?:in|within|during|over) the (?:last|past) (?:12 months|twelve months|year)|(?:no|without) (?:mandatory |compulsory )?leave (?:in|within|during|over) the (?:last|past)/,
  /** Mandatory leave owed and not taken when due: "hasn't taken mandatory leave when it was due", "未休". */
  leaveNotTaken:
    /未休|没休|应休未休|欠|(?:(?:has|have|had)n'?t|(?:has|have|had) not|did not|didn'?t) (?:taken?|had|have|gone on)\b.{0,30}\b(?:due|in time|on time|yet)\b|\b(?:skipp(?:ed|ing)|missed|backlog|outstanding)\b|not taken\b.{0,30}\bdue\b|more than a year without|(?:not|n't|never)\b.{0,40}\b(?:for|in) (?:over|more than) (?:a|one|1) year\b|(?:一年多|超过一年|一年以上|一年多了?)(?:都)?(?:没有?|未)休|\bowe[sd]?\b/,
  /** Mandatory leave falling due: "mandatory leave due in 30 days", "30天内应休强制休假", "must take mandatory leave within". */
  leaveOwed:
    /应休|该休|得休|要休|需休|须休|(?:强制休假|强休|强制假)(?:什么时候|何时|快要?|即将|马上)?(?:到期|应|该)|(?:mandatory|compulsory) leave (?:is |are )?(?:due|owed)|(?:mandatory|compulsory) leave (?:comes?|coming|falls?|falling) due|(?:mandatory|compulsory) leave (?:is |are )?(?:coming up|upcoming|due soon|soon due)|\bupcoming (?:mandatory|compulsory) leave|需要?安排|(?:该|应该?|应当|要|得|须|必须)安排|(?:需要|须要|得|要)(?:休)?(?:强休|强制休假|强制假)|(?:must|have to|has to|need to|needs to|should) (?:take|go on|start|begin) (?:a |their |the )?(?:mandatory|compulsory) leave|(?:mandatory|compulsory) leaves (?:are |is )?(?:due|owed)|leaves? due\b|\bdue (?:for|to take) (?:a |their |the |his |her )?(?:mandatory|compulsory|forced) leave\b|(?:到期|快到期|即将到期)的?(?:强制休假|强休|强制假)/,
  /** Both lists at once: "overdue or due within 30 days", "超期和即将到期的". */
  overdueOrDue:
    /(?:overdue|past (?:the |their )?limit) ?(?:or|and|\/|&|\+|plus) ?(?:coming |falling |soon |almost )?(?:due|coming up|upcoming|soon)|(?:超期|逾期)(?:和|或|或者|及|以及|与|、|加上?)\S{0,8}(?:即将|快要?|将要?|临近)?到期|(?:超期|逾期)(?:和|或|或者|及|以及|与|、|加上?)(?:即将|快要?|将要|临近)?到期|(?:即将|快要?)到期(?:和|或|或者|及|以及|与|、)(?:已经?)?(?:超期|逾期)/,
  /** "张建华 no wait 李勇 …", "… sorry I meant Xuhui": the asker corrects the subject they named. */
  selfCorrection:
    /(?:(?:^|\s)(?:no,? wait|wait,? no|no,? i meant|no,? i mean|no sorry|sorry,? i meant|sorry,? i mean|sorry|actually|i meant|i mean|oops|scratch that|make that|make it|change (?:that|it) to|correction|uh+|um+|erm|uhm)(?=\s|$))+|(?:(?:^|\s)[呃嗯额](?=\s|$))+|(?:[哦噢啊呃]?不对(?:不对)?|[哦噢啊呃]不(?!对)|(?<=\s)不(?=\s)|说错了|我是说|我说的是|我要问的?是?|我想问的?是?|更正一下|更正|改成|换成|改为)(?:\s*(?:[哦噢啊呃]?不对|说错了|我是说|我说的是|我要问的?是?|我想问的?是?|改成|换成|改为))*/g,
  /**
   * Who runs a unit — its manager by role, not a post: "who runs the pudong sub-branch", "who heads
   * beijing branch", "谁是浦东支行的负责人", "海淀支行谁管", "manager of xuhui".
   */
  unitHead:
    /\bwho (?:runs|heads|leads|manages|is in charge (?:of|at)|is (?:the )?(?:manager|head|boss|leader|lead|gm) (?:of|at|in|for))\b|\b(?:branch |sub-?branch |unit )?(?:manager|head|boss|leader|gm|person in charge) (?:of|at|for)\b|'s (?:manager|boss|head|leader)\b|\bin charge (?:of|at)\b|\b(?:runs|heads|leads) (?:the |my |our )?(?=\S)|谁(?:管|负责|领导|主管|说了算)|(?:负责人|一把手|领导|老大|头儿?)(?:是谁|是哪位|叫什么)|谁是(?:\S{0,10}?)(?:负责人|一把手|领导|老大)|负责人|一把手|老大/,
  /** "Who should I worry about", "anything urgent", "哪些事需要我关注": the worklist (overdue or due within 90 days). */
  worklist:
    /\b(?:who|what|anyone|anything) (?:should|do|must) i (?:worry|care|know|look|be (?:worried|concerned)) (?:about|at|into)\b|\banything (?:urgent|pressing|i should know)\b|\bwhat needs (?:my )?attention\b|\bwho needs (?:my )?attention\b|\bwhat'?s (?:urgent|pressing)\b|需要我?(?:关注|注意|处理)|有什么(?:要|需要)?(?:注意|关注)的|有啥(?:急事|要紧的)|什么急事|要紧的事/,
  /** Who covers for someone on leave: "who covers for Wei Huang", "黄伟的代岗人是谁", "谁替黄伟顶岗". */
  substitute:
    /代岗人|代岗|代理人|顶岗|顶班|替班|替岗|代班|谁(?:替|代(?!表)|顶)(?:岗|班)?|\bwho(?:'s| is| will be| will)? (?:cover(?:s|ing)?|stand(?:s|ing)? in|fill(?:s|ing)? in|sub(?:s|bing)?|deputi(?:s|z)(?:es|ing)|step(?:s|ping)? in) for\b|\bsubstitut(?:e|es|ing) (?:for|of)\b|\b(?:substitute|stand-?in|cover|deputy|backup)\b(?= (?:for|of)\b)|'s (?:substitute|stand-?in|cover|deputy|backup)\b/,
  myUnit:
    /我们(?:的)?(?:支行|分行|网点|营业部|行)|我负责的(?:范围|机构|单位)?(?:内|里)?|我(?:支|分)行|本(?:支行|分行|网点|营业部)|我的|我们|本部门|本单位|本行|我行|我部|我处|部门|团队|my units?|my teams?|my branch(?:es)?|our units?|our teams?|our branch(?:es)?|my people|my staff|my dept|my area|my scope/,
};

/**
 * A key post's role as its name says it, in both languages: a post is of the role when its Chinese
 * name holds one of `zh` (the English words as the register's English names write them). Shared by
 * the policy questions ("the rotation limit for tellers") and the lists narrowed to a role ("vault
 * keepers due within 30 days", "who are the branch heads").
 */
export const ROLES: readonly {
  readonly key: string;
  readonly en: RegExp;
  readonly zh: readonly string[];
  readonly words: readonly string[];
}[] = [
  { key: "teller", en: /\btellers?\b/, zh: ["柜员"], words: ["teller"] },
  { key: "vault", en: /\bvault(?: keepers?| keys?)?\b/, zh: ["库管", "金库", "管库"], words: ["vault"] },
  { key: "accounting", en: /\baccount(?:ing|ants?)\b|\bacct\b/, zh: ["会计"], words: ["accounting"] },
  { key: "credit", en: /\b(?:credit|loan) officers?\b|\bcredit\b/, zh: ["信贷"], words: ["credit"] },
  {
    key: "rm",
    en: /\brelationship manag(?:er|e)s?\b|\brms?\b/,
    zh: ["客户经理"],
    words: ["relationship", "manager"],
  },
  { key: "head", en: /\b(?:branch )?heads?\b|\bpresidents?\b/, zh: ["行长", "一把手"], words: ["head"] },
  { key: "risk", en: /\brisk (?:officers?|managers?)\b/, zh: ["风险", "风控"], words: ["risk"] },
];

/** A post category named in words ("操作类", "oversight posts"). */
export const CATEGORY_WORDS: readonly { readonly category: PostCategory; readonly pattern: RegExp }[] = [
  { category: "operations", pattern: /\boperations?\b|\boperational\b|业务操作|操作类|运营类/ },
  { category: "authority", pattern: /\bauthority\b|管理类|权力类|授权类|权限类|负责人类/ },
  { category: "oversight", pattern: /\boversight\b|监督类|合规类/ },
];

/** What a figures question is about, when it names one figure. */
export const METRICS: readonly { readonly metric: Metric; readonly pattern: RegExp }[] = [
  { metric: "rectification", pattern: /整改|rectif\w*|closure|关闭率|闭环/ },
  { metric: "findings", pattern: /发现|严重|findings?|severity/ },
  { metric: "audit", pattern: /审计|稽核|audit|timeliness|及时/ },
  { metric: "leave", pattern: /休假|leave|coverage|覆盖/ },
  { metric: "rotation", pattern: /轮岗|轮换|rotation|tenure|任期/ },
];

export type Metric = "rotation" | "leave" | "audit" | "findings" | "rectification";

/** Words that carry no name: taken out before what is left is read as a person's or a post's name. */
export const FILLER_ZH =
  /是不是|总数|总共|一共|共有|安排|是否|关键岗位|关键岗|关键|名单|列表|清单|人数|数量|几个|几人|几位|名下|请问|麻烦|帮我|帮忙|给我|告诉我|查一下|查下|查查|查询|看一下|看下|看看|列出|列一下|一下|现在|目前|当前|都有|哪些|哪个|哪位|什么|多少|一共|已经|还有|还没|还|没有|有没有|没|谁|是|的|了|吗|呢|么|吧|啊|呀|嘛|在|和|与|及|中|里|都|人员|员工|同事|同志|岗位|岗|后|之后|以后|职位|那个|这个|那边|这边|那里|这里|个|人|我|想知道|知道|查|看|[?？!！。，,、:：;；"'“”‘’()（）]/g;
export const FILLER_EN =
  /\b(?:who|whom|whose|what|whats|what's|where|when|which|is|are|was|were|be|been|the|a|an|of|for|in|on|at|to|do|does|did|has|have|had|my|our|me|i|us|we|please|pls|plz|show|list|tell|give|get|find|any|all|currently|now|person|employee|staff|post|position|seat|job|go|gone|went|goes|after|about|info|information|with|up|and|or|can|you|could|would|hey|hi|hello|bot|keypost|s|who's|whos|after|since|there|right|check|see|know|want|like|let|lemme|pull|bring|me|this|that|these|those|rotated|moved|doing|going|lately|recently|up to|from|over|key|posts|holders|holder|list|names|number|count|many|how|much|people|anyone|everyone|bank|wide|bank-wide|whole|entire|hits?|reach(?:es)?|reaching|coming|total|one|guy|lady|person's)\b|[?!.,;:"'()]/g;

/** Spellings of one syllable people write for another (Hong Kong, Taiwan, Wade-Giles, habits). */
export const SPELLING_VARIANTS: Readonly<Record<string, string>> = {
  chang: "zhang",
  cheung: "zhang",
  wong: "wang",
  lee: "li",
  chan: "chen",
  lau: "liu",
  ng: "wu",
  hsu: "xu",
  tsui: "xu",
  chui: "xu",
  chou: "zhou",
  chow: "zhou",
  ho: "he",
  lam: "lin",
  kwok: "guo",
  kuo: "guo",
  yeung: "yang",
  chiu: "zhao",
  woo: "wu",
  lo: "luo",
  law: "luo",
  kao: "gao",
  ko: "gao",
  hwang: "huang",
  tsang: "zeng",
  tse: "xie",
  cheng: "zheng",
  leung: "liang",
  chu: "zhu",
  yip: "ye",
};

/** Common Chinese surnames: a bare phrase of Chinese characters is read as a name only when it starts with one. */
export const SURNAMES: ReadonlySet<string> = new Set([
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝",
  ...["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容"],
]);
